package dev.deeplift.core.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the loaded libnd4j binary was built with, where that changes which kernel is fastest. Read once through
 * reflection, since {@code deeplift-core} compiles against {@code nd4j-api} only.
 */
final class NativeBackend {
    private static final Logger LOG = LoggerFactory.getLogger(NativeBackend.class);
    private static final String BUILD_INFO = readBuildInfo();

    private NativeBackend() {
    }

    /**
     * True if convolutions run on oneDNN (the {@code -onednn} classifiers) or cuDNN: their forward kernels need no
     * im2col buffer, so a forward convolution beats {@code conv2d_input_bp} at every channel count.
     */
    static boolean hasConvolutionLibrary() {
        return BUILD_INFO.contains("HAVE_ONEDNN") || BUILD_INFO.contains("HAVE_CUDNN");
    }

    private static String readBuildInfo() {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object instance = holder.getMethod("getInstance").invoke(null);
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(instance);
            Object info = ops.getClass().getMethod("buildInfo").invoke(ops);
            return String.valueOf(info);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("libnd4j build information unavailable; assuming a generic backend", e);
            return "";
        }
    }
}
