package dev.deeplift.cli;

import dev.deeplift.plot.HeatmapGrid;
import dev.deeplift.core.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws {@code heatmaps.png}: a row per example (the first {@link ExplainOptions#PNG_EXAMPLES}) and a column per
 * target file, each cell the scores over the input image in grey (red positive, blue negative, each cell on its own
 * symmetric scale).
 */
final class HeatmapPicture {
    private HeatmapPicture() {
    }

    static void write(List<TargetScores> results, INDArray input, Layout layout, Path file) {
        HeatmapGrid grid = HeatmapGrid.of(layout);
        for (TargetScores r : results) {
            grid = grid.withColumn(r.title(), r.scores());
        }
        int examples = (int) Math.min(input.size(0), ExplainOptions.PNG_EXAMPLES);
        grid.withOverlay(input).withExamples(IntStream.range(0, examples).toArray()).render().save(file);
    }
}
