package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.Layout;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's {@code SimpleRnn}: {@code h(t) = act(x(t)·W + h(t−1)·RW + b)}, with {@code W [nIn, H]}, {@code RW [H, H]},
 * {@code b [1, H]} and {@code h(−1) = 0}. Rules: see {@link RecurrentNode}; the activation takes the context's rule.
 */
public final class SimpleRnnNode extends RecurrentNode {
    private final INDArray recurrentWeights;
    private final ElementwiseFunction activation;
    private final int units;

    /**
     * @param w  {@code [nIn, H]}, read (never written) at every call
     * @param rw {@code [H, H]}
     * @param b  {@code [1, H]} or null
     */
    public SimpleRnnNode(INDArray w, INDArray rw, INDArray b, ElementwiseFunction activation, Layout layout,
                         boolean backwards, StepMask mask) {
        super(w, b, layout, backwards, mask);
        this.units = (int) rw.size(0);
        if (w.size(1) != units || rw.size(1) != units) {
            throw new IllegalArgumentException("SimpleRnn weights must be W [nIn, H] and RW [H, H], got "
                    + java.util.Arrays.toString(w.shape()) + " and " + java.util.Arrays.toString(rw.shape()));
        }
        this.recurrentWeights = rw;
        this.activation = activation;
    }

    @Override
    Run run(SequenceRows rows, INDArray projected, NodeContext context) {
        return new SimpleRun(rows, projected, context);
    }

    private final class SimpleRun implements Run {
        private final SequenceRows rows;
        private final boolean split;
        private final INDArray rw;
        private final INDArray rwAbs;
        private final INDArray z;
        private final INDArray out;
        private final INDArray outRaw;
        private final INDArray maskMid;
        private final INDArray maskDelta;
        private final INDArray rawOutMid;
        private final Multipliers slope;
        private final INDArray signPrevOut;

        SimpleRun(SequenceRows rows, INDArray projected, NodeContext context) {
            this.rows = rows;
            this.split = StepRules.splits(context);
            this.rw = recurrentWeights.dup('c');
            this.rwAbs = split ? Transforms.abs(rw, true) : null;
            int steps = rows.steps();
            var dt = projected.dataType();
            z = projected.dup('c');
            out = Nd4j.create(dt, steps, rows.rows(), units);
            INDArray raw = Nd4j.create(dt, steps, rows.rows(), units);
            INDArray hPrev = null;
            for (int k = 0; k < steps; k++) {
                int t = backwards() ? steps - 1 - k : k;
                INDArray zt = z.slice(t);
                if (hPrev != null) {
                    zt.addi(hPrev.mmul(rw));
                }
                INDArray h = activation.apply(zt);
                raw.slice(t).assign(h);
                if (rows.masked()) {
                    h.muliColumnVector(rows.maskAt(t));
                }
                out.slice(t).assign(h);
                hPrev = h;
            }
            outRaw = rows.masked() ? raw : out;
            boolean pure = context.pureGradient();
            maskMid = rows.maskMid(pure);
            maskDelta = rows.maskDelta();
            rawOutMid = maskDelta != null ? rows.mid(outRaw, pure) : null;
            INDArray plus = null;
            INDArray minus = null;
            INDArray dPrevOut = null;
            if (split) {
                dPrevOut = rows.delta(SequenceRows.previous(out, backwards()));
                INDArray dx = rows.delta(rows.x());
                long flat = (long) steps * rows.examples();
                INDArray magnitude = Transforms.abs(dx, true).reshape(flat, dx.size(2))
                        .mmul(Transforms.abs(inputWeights(), true))
                        .addi(Transforms.abs(dPrevOut, true).reshape(flat, units).mmul(rwAbs))
                        .reshape(steps, rows.examples(), units);
                plus = StepRules.positivePart(rows.delta(z), magnitude);
                minus = rows.delta(z).subi(plus);
            }
            signPrevOut = split ? StepRules.sign(dPrevOut) : null;
            slope = StepRules.slopes(context, activation, rows, z, outRaw, plus, minus);
        }

        @Override
        public INDArray output() {
            return out;
        }

        @Override
        public INDArray[] backward(INDArray mOut) {
            int steps = rows.steps();
            int n = rows.examples();
            var dt = mOut.dataType();
            INDArray mzPlus = Nd4j.create(dt, steps, n, units);
            INDArray mzMinus = split ? Nd4j.create(dt, steps, n, units) : null;
            INDArray credit = maskDelta != null ? Nd4j.create(dt, steps, n) : null;
            INDArray mPrevOut = null;
            for (int k = steps - 1; k >= 0; k--) {
                int t = backwards() ? steps - 1 - k : k;
                INDArray mh = mOut.slice(t).dup();
                if (mPrevOut != null) {
                    mh.addi(mPrevOut);
                }
                if (credit != null) {
                    credit.getRow(t).assign(mh.mul(rawOutMid.slice(t)).sum(1).muli(maskDelta.slice(t).reshape(n)));
                }
                INDArray mhRaw = maskMid == null ? mh : mh.mulColumnVector(maskMid.slice(t));
                INDArray zt = mzPlus.slice(t);
                zt.assign(slope.plus().slice(t).mul(mhRaw));
                INDArray ztMinus = null;
                if (split) {
                    ztMinus = mzMinus.slice(t);
                    ztMinus.assign(slope.minus().slice(t).mul(mhRaw));
                }
                mPrevOut = StepRules.matrixBack(rw, rwAbs, zt, ztMinus, split ? signPrevOut.slice(t) : null);
            }
            return new INDArray[] {mzPlus, mzMinus, credit};
        }
    }

    @Override
    public String toString() {
        return "simpleRnn[" + units + (backwards() ? ", backwards" : "")
                + (mask().kind() == StepMask.Kind.NONE ? "" : ", masked") + "]";
    }
}
