package org.cimlang.onnx;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * An ONNX model loaded into ONNX Runtime with one float input and one float output. Runs in batches
 * when the model's batch axis is dynamic, else in the fixed batch the model declares (the last
 * batch padded). Close it to free the native session.
 */
public final class OnnxRuntimeModel implements AutoCloseable {
    /** Samples per run: bounds native memory whatever the caller passes. */
    static final int MAX_BATCH = 256;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    /** The model reads integer token ids (PyTorch's nn.Embedding input): the float samples are rounded to int64. */
    private final boolean tokenIds;

    private OnnxRuntimeModel(OrtEnvironment env, OrtSession session, String inputName, long[] inputShape,
            boolean tokenIds) {
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.tokenIds = tokenIds;
    }

    /** Loads the serialised model; {@code name} names it in messages. */
    public static OnnxRuntimeModel load(byte[] model, String name) {
        OrtEnvironment env = environment();
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // one thread: the reference is small and the machine's cores belong to the simulator
            options.setIntraOpNumThreads(1);
            OrtSession session = env.createSession(model, options);
            if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
                long ins = session.getNumInputs();
                long outs = session.getNumOutputs();
                session.close();
                throw new OnnxException(name + ": ONNX Runtime sees " + ins + " inputs and " + outs
                        + " outputs; the float reference compares models with one of each");
            }
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            TensorInfo info = (TensorInfo) in.getValue().getInfo();
            return new OnnxRuntimeModel(env, session, in.getKey(), info.getShape(),
                    info.type == ai.onnxruntime.OnnxJavaType.INT64);
        } catch (OrtException e) {
            throw new OnnxException(name + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The version of the ONNX Runtime library in use, e.g. {@code 1.23.2}. */
    public static String version() {
        return environment().getVersion();
    }

    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new OnnxException("ONNX Runtime's native library does not load on this machine ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e
                    + "; the float reference needs one of the platforms the onnxruntime jar ships", e);
        }
    }

    /** The shape of one sample (the input shape without its batch axis). */
    public long[] sampleShape() {
        return java.util.Arrays.copyOfRange(inputShape, 1, inputShape.length);
    }

    /** The batch the model's input fixes, or 0 when its first axis is dynamic. */
    public long fixedBatch() {
        return inputShape.length > 0 && inputShape[0] > 0 ? inputShape[0] : 0;
    }

    /** Runs every sample; each result is the output of that sample, flattened. */
    public List<float[]> run(List<float[]> samples) {
        int per = 1;
        for (long d : sampleShape()) {
            if (d <= 0) {
                throw new OnnxException("the model's input '" + inputName + "' has a dynamic non-batch axis "
                        + java.util.Arrays.toString(inputShape) + "; the reference needs a fixed sample shape");
            }
            per = Math.multiplyExact(per, (int) d);
        }
        int fixed = inputShape.length > 0 && inputShape[0] > 0 ? (int) inputShape[0] : 0;
        if (fixed > 1 && !samples.isEmpty() && samples.get(0).length == (long) per * fixed) {
            // a sequence-first model of batch 1 (PyTorch's batch_first=False): axis 0 holds one sample's steps
            List<float[]> whole = new ArrayList<>(samples.size());
            for (float[] s : samples) {
                whole.add(runOnce(s, inputShape.clone()));
            }
            return whole;
        }
        int batch = fixed > 0 ? fixed : Math.min(MAX_BATCH, Math.max(1, samples.size()));
        List<float[]> out = new ArrayList<>(samples.size());
        for (int start = 0; start < samples.size(); start += batch) {
            int n = Math.min(batch, samples.size() - start);
            int rows = fixed > 0 ? fixed : n;
            float[] x = new float[Math.multiplyExact(rows, per)];
            for (int b = 0; b < n; b++) {
                float[] s = samples.get(start + b);
                if (s.length != per) {
                    throw new IllegalArgumentException("sample " + (start + b) + " has " + s.length
                            + " values; the model's input takes " + per);
                }
                System.arraycopy(s, 0, x, b * per, per);
            }
            long[] shape = inputShape.clone();
            shape[0] = rows;
            float[] y = runOnce(x, shape);
            int outPer = y.length / rows;
            for (int b = 0; b < n; b++) {
                out.add(java.util.Arrays.copyOfRange(y, b * outPer, (b + 1) * outPer));
            }
        }
        return out;
    }

    private float[] runOnce(float[] x, long[] shape) {
        try (OnnxTensor t = tokenIds ? OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(ids(x)), shape)
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                OrtSession.Result r = session.run(Map.of(inputName, t))) {
            OnnxValue v = r.get(0);
            if (!(v instanceof OnnxTensor out)) {
                throw new OnnxException("the model's output is a " + v.getType() + ", not a tensor");
            }
            FloatBuffer fb = out.getFloatBuffer();
            if (fb == null) {
                throw new OnnxException("the model's output is not float32 (" + out.getInfo() + ")");
            }
            float[] y = new float[fb.remaining()];
            fb.get(y);
            return y;
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        }
    }

    private static long[] ids(float[] x) {
        long[] ids = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            ids[i] = Math.round(x[i]);
        }
        return ids;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed to close its session: " + e.getMessage(), e);
        }
    }
}
