package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.Layout;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An LSTM layer as DL4J computes it ({@code LSTM}, and with peepholes {@code GravesLSTM}), with DL4J's gate order:
 * the column blocks of {@code W [nIn, 4H]}, {@code RW [H, 4H(+3)]} and {@code b [1, 4H]} are the cell input
 * {@code a}, the forget gate {@code f}, the output gate {@code o} and the input gate {@code i}:
 * <pre>
 * z = x(t)·W + h(t−1)·RW + b
 * a = act(z_a),  f = gate(z_f + c(t−1)⊙w_f),  i = gate(z_i + c(t−1)⊙w_i)
 * c(t) = f⊙c(t−1) + i⊙a
 * o = gate(z_o + c(t)⊙w_o),  h(t) = act(c(t))⊙o
 * </pre>
 * The peephole weights {@code w_f, w_o, w_i} are columns {@code 4H, 4H+1, 4H+2} of GravesLSTM's {@code RW}. Rules:
 * see {@link RecurrentNode}; the three products {@code f⊙c(t−1)}, {@code i⊙a} and {@code act(c(t))⊙o} take the
 * product rule, the five nonlinearities (cell input, three gates, cell activation) the context's rule.
 */
public final class LstmNode extends RecurrentNode {
    private final INDArray recurrentWeights;
    private final ElementwiseFunction activation;
    private final ElementwiseFunction gate;
    private final boolean peepholes;
    private final int units;

    /**
     * @param w          {@code [nIn, 4H]}, read (never written) at every call
     * @param rw         {@code [H, 4H]}, or {@code [H, 4H + 3]} with peepholes
     * @param b          {@code [1, 4H]} or null
     * @param activation the layer's activation (cell input and cell state)
     * @param gate       the gate activation
     * @param peepholes  true for GravesLSTM's peephole connections
     */
    public LstmNode(INDArray w, INDArray rw, INDArray b, ElementwiseFunction activation, ElementwiseFunction gate,
                    boolean peepholes, Layout layout, boolean backwards, StepMask mask) {
        super(w, b, layout, backwards, mask);
        this.units = (int) rw.size(0);
        long cols = 4L * units + (peepholes ? 3 : 0);
        if (w.size(1) != 4L * units || rw.size(1) != cols) {
            throw new IllegalArgumentException("LSTM weights must be W [nIn, 4H] and RW [H, " + (peepholes ? "4H+3"
                    : "4H") + "], got " + java.util.Arrays.toString(w.shape()) + " and "
                    + java.util.Arrays.toString(rw.shape()));
        }
        this.recurrentWeights = rw;
        this.activation = activation;
        this.gate = gate;
        this.peepholes = peepholes;
    }

    @Override
    Run run(SequenceRows rows, INDArray projected, NodeContext context) {
        return new LstmRun(rows, projected, context);
    }

    /** Columns {@code from..to} of the last axis. */
    private static INDArray cols(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[a.rank() - 1] = NDArrayIndex.interval(from, to);
        return a.get(idx);
    }

    /** Block {@code k} (0 a, 1 f, 2 o, 3 i) of the last axis. */
    private INDArray block(INDArray a, int k) {
        return cols(a, (long) k * units, (long) (k + 1) * units);
    }

    private final class LstmRun implements Run {
        private final SequenceRows rows;
        private final NodeContext context;
        private final boolean split;
        private final INDArray rw4;
        private final INDArray rw4Abs;
        private final INDArray wF;
        private final INDArray wO;
        private final INDArray wI;
        /** Pre-activations with peepholes, and activations a, f, o, i: {@code [T, S, 4H]}. */
        private final INDArray z;
        private final INDArray act;
        /** Cell state before the mask, its activation, outputs and cell state after the mask: {@code [T, S, H]}. */
        private final INDArray cell;
        private final INDArray cellAct;
        private final INDArray out;
        private final INDArray cellKept;
        private final INDArray outRaw;
        // What the backward multiplies with, per example and step.
        private INDArray maskMid;
        private INDArray maskDelta;
        private INDArray prevCellMid;
        private INDArray forgetMid;
        private INDArray candidateMid;
        private INDArray inputGateMid;
        private INDArray outGateMid;
        private INDArray cellActMid;
        private INDArray rawOutMid;
        private INDArray rawCellMid;
        private Multipliers slopeA;
        private Multipliers slopeGates;
        private Multipliers slopeCell;
        private INDArray signPrevOut;
        private INDArray signPrevCell;
        private INDArray signCell;
        private INDArray signForgetTerm;
        private INDArray signInputTerm;

        LstmRun(SequenceRows rows, INDArray projected, NodeContext context) {
            this.rows = rows;
            this.context = context;
            this.split = StepRules.splits(context);
            this.rw4 = cols(recurrentWeights, 0, 4L * units).dup('c');
            this.rw4Abs = split ? Transforms.abs(rw4, true) : null;
            this.wF = peepholes ? peephole(0) : null;
            this.wO = peepholes ? peephole(1) : null;
            this.wI = peepholes ? peephole(2) : null;
            int steps = rows.steps();
            int s = rows.rows();
            var dt = projected.dataType();
            z = projected.dup('c');
            act = Nd4j.create(dt, steps, s, 4L * units);
            cell = Nd4j.create(dt, steps, s, units);
            cellAct = Nd4j.create(dt, steps, s, units);
            out = Nd4j.create(dt, steps, s, units);
            cellKept = rows.masked() ? Nd4j.create(dt, steps, s, units) : cell;
            outRaw = rows.sidesDiffer() ? Nd4j.create(dt, steps, s, units) : null;
            forward();
            prepare();
        }

        private INDArray peephole(int k) {
            return recurrentWeights.get(NDArrayIndex.all(), NDArrayIndex.point(4L * units + k)).reshape(1, units)
                    .dup('c');
        }

        private void forward() {
            int steps = rows.steps();
            INDArray hPrev = null;
            INDArray cPrev = Nd4j.zeros(z.dataType(), rows.rows(), units);
            for (int k = 0; k < steps; k++) {
                int t = backwards() ? steps - 1 - k : k;
                INDArray zt = z.slice(t);
                if (hPrev != null) {
                    zt.addi(hPrev.mmul(rw4));
                }
                INDArray at = act.slice(t);
                INDArray f;
                INDArray i;
                INDArray o = null;
                if (peepholes) {
                    block(zt, 1).addi(cPrev.mulRowVector(wF));
                    block(zt, 3).addi(cPrev.mulRowVector(wI));
                    f = gate.apply(block(zt, 1));
                    i = gate.apply(block(zt, 3));
                    block(at, 1).assign(f);
                    block(at, 3).assign(i);
                } else {
                    INDArray gates = gate.apply(cols(zt, units, 4L * units));
                    cols(at, units, 4L * units).assign(gates);
                    f = block(at, 1);
                    i = block(at, 3);
                    o = block(at, 2);
                }
                INDArray a = activation.apply(block(zt, 0));
                block(at, 0).assign(a);
                INDArray c = f.mul(cPrev).addi(i.mul(a));
                cell.slice(t).assign(c);
                if (peepholes) {
                    block(zt, 2).addi(c.mulRowVector(wO));
                    o = gate.apply(block(zt, 2));
                    block(at, 2).assign(o);
                }
                INDArray g = activation.apply(c);
                cellAct.slice(t).assign(g);
                INDArray h = g.mul(o);
                if (rows.masked()) {
                    if (outRaw != null) {
                        outRaw.slice(t).assign(h);
                    }
                    INDArray m = rows.maskAt(t);
                    h.muliColumnVector(m);
                    c = c.mulColumnVector(m);
                    cellKept.slice(t).assign(c);
                }
                out.slice(t).assign(h);
                hPrev = h;
                cPrev = c;
            }
        }

        /** Everything the backward multiplies with, for every step at once. */
        private void prepare() {
            boolean pure = context.pureGradient();
            INDArray prevCell = SequenceRows.previous(cellKept, backwards());
            maskMid = rows.maskMid(pure);
            maskDelta = rows.maskDelta();
            prevCellMid = rows.mid(prevCell, pure);
            INDArray actMid = rows.mid(act, pure);
            candidateMid = block(actMid, 0).dup('c');
            forgetMid = block(actMid, 1).dup('c');
            outGateMid = block(actMid, 2).dup('c');
            inputGateMid = block(actMid, 3).dup('c');
            cellActMid = rows.mid(cellAct, pure);
            if (outRaw != null) {
                rawOutMid = rows.mid(outRaw, pure);
                rawCellMid = rows.mid(cell, pure);
            }
            INDArray zPlus = null;
            INDArray zMinus = null;
            INDArray cellPlus = null;
            INDArray cellMinus = null;
            if (split) {
                INDArray prevOut = SequenceRows.previous(out, backwards());
                INDArray dPrevOut = rows.delta(prevOut);
                INDArray dPrevCell = rows.delta(prevCell);
                INDArray dCell = rows.delta(cell);
                signPrevOut = StepRules.sign(dPrevOut);
                signPrevCell = StepRules.sign(dPrevCell);
                signCell = StepRules.sign(dCell);
                INDArray dx = rows.delta(rows.x());
                int steps = rows.steps();
                int n = rows.examples();
                INDArray wAbs = Transforms.abs(inputWeights(), true);
                INDArray magnitude = Transforms.abs(dx, true).reshape((long) steps * n, dx.size(2)).mmul(wAbs)
                        .addi(Transforms.abs(dPrevOut, true).reshape((long) steps * n, units).mmul(rw4Abs))
                        .reshape(steps, n, 4L * units);
                if (peepholes) {
                    INDArray absPrevCell = Transforms.abs(dPrevCell, true);
                    block(magnitude, 1).addi(absPrevCell.mul(broadcastRow(Transforms.abs(wF, true))));
                    block(magnitude, 3).addi(absPrevCell.mul(broadcastRow(Transforms.abs(wI, true))));
                    block(magnitude, 2).addi(Transforms.abs(dCell, true).muli(broadcastRow(Transforms.abs(wO, true))));
                }
                zPlus = StepRules.positivePart(rows.delta(z), magnitude);
                zMinus = rows.delta(z).subi(zPlus);
                // c(t) = f⊙c(t−1) + i⊙a: its parts are the sums of the products' own-sign parts.
                INDArray forgetTerm = rows.delta(block(act, 1).mul(prevCell));
                INDArray inputTerm = rows.delta(block(act, 3).mul(block(act, 0)));
                signForgetTerm = StepRules.sign(forgetTerm);
                signInputTerm = StepRules.sign(inputTerm);
                cellPlus = Transforms.relu(forgetTerm, true).addi(Transforms.relu(inputTerm, true));
                cellMinus = Transforms.min(forgetTerm, 0.0, true).addi(Transforms.min(inputTerm, 0.0, true));
            }
            slopeA = StepRules.slopes(context, activation, rows, block(z, 0), block(act, 0),
                    split ? block(zPlus, 0) : null, split ? block(zMinus, 0) : null);
            slopeGates = StepRules.slopes(context, gate, rows, cols(z, units, 4L * units), cols(act, units,
                    4L * units), split ? cols(zPlus, units, 4L * units) : null,
                    split ? cols(zMinus, units, 4L * units) : null);
            slopeCell = StepRules.slopes(context, activation, rows, cell, cellAct, cellPlus, cellMinus);
        }

        private INDArray broadcastRow(INDArray row) {
            return row.reshape(1, 1, units);
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
            INDArray mzPlus = Nd4j.create(dt, steps, n, 4L * units);
            INDArray mzMinus = split ? Nd4j.create(dt, steps, n, 4L * units) : null;
            INDArray credit = maskDelta != null ? Nd4j.create(dt, steps, n) : null;
            INDArray mPrevOut = null;
            INDArray mPrevCell = null;
            for (int k = steps - 1; k >= 0; k--) {
                int t = backwards() ? steps - 1 - k : k;
                INDArray mh = mOut.slice(t).dup();
                if (mPrevOut != null) {
                    mh.addi(mPrevOut);
                }
                // h(t) = mask⊙hRaw, c(t) = mask⊙cRaw: the product rule (the mask's share only if the sides differ).
                INDArray mhRaw = maskMid == null ? mh : mh.mulColumnVector(maskMid.slice(t));
                INDArray mcKept = mPrevCell;
                INDArray mcRaw = mcKept == null ? Nd4j.zeros(dt, n, units)
                        : maskMid == null ? mcKept.dup() : mcKept.mulColumnVector(maskMid.slice(t));
                if (credit != null) {
                    INDArray c = mh.mul(rawOutMid.slice(t)).sum(1);
                    if (mcKept != null) {
                        c.addi(mcKept.mul(rawCellMid.slice(t)).sum(1));
                    }
                    credit.getRow(t).assign(c.muli(maskDelta.slice(t).reshape(n)));
                }
                // h = act(c)⊙o
                INDArray mo = mhRaw.mul(cellActMid.slice(t));
                INDArray mg = mhRaw.mul(outGateMid.slice(t));
                INDArray zt = mzPlus.slice(t);
                INDArray ztMinus = split ? mzMinus.slice(t) : null;
                INDArray mzo = part(slopeGates, true, t, units, 2L * units).mul(mo);
                block(zt, 2).assign(mzo);
                INDArray mzoMinus = null;
                if (split) {
                    mzoMinus = part(slopeGates, false, t, units, 2L * units).mul(mo);
                    block(ztMinus, 2).assign(mzoMinus);
                }
                if (peepholes) {
                    mcRaw.addi(StepRules.elementwiseBack(wO, mzo, mzoMinus, split ? signCell.slice(t) : null));
                }
                // c = f⊙c(t−1) + i⊙a, with multipliers on c's positive and negative parts from act(c)
                INDArray mForgetTerm;
                INDArray mInputTerm;
                if (!split) {
                    mcRaw.addi(mg.muli(slopeCell.plus().slice(t)));
                    mForgetTerm = mcRaw;
                    mInputTerm = mcRaw;
                } else {
                    INDArray plus = mcRaw.add(slopeCell.plus().slice(t).mul(mg));
                    INDArray minus = mcRaw.add(slopeCell.minus().slice(t).mul(mg));
                    mForgetTerm = StepRules.collapse(plus, minus, signForgetTerm.slice(t));
                    mInputTerm = StepRules.collapse(plus, minus, signInputTerm.slice(t));
                }
                INDArray mf = mForgetTerm.mul(prevCellMid.slice(t));
                INDArray mi = mInputTerm.mul(candidateMid.slice(t));
                INDArray ma = mInputTerm.mul(inputGateMid.slice(t));
                INDArray nextCell = mForgetTerm.mul(forgetMid.slice(t));
                block(zt, 0).assign(part(slopeA, true, t, 0, units).mul(ma));
                block(zt, 1).assign(part(slopeGates, true, t, 0, units).mul(mf));
                block(zt, 3).assign(part(slopeGates, true, t, 2L * units, 3L * units).mul(mi));
                if (split) {
                    block(ztMinus, 0).assign(part(slopeA, false, t, 0, units).mul(ma));
                    block(ztMinus, 1).assign(part(slopeGates, false, t, 0, units).mul(mf));
                    block(ztMinus, 3).assign(part(slopeGates, false, t, 2L * units, 3L * units).mul(mi));
                }
                if (peepholes) {
                    INDArray sign = split ? signPrevCell.slice(t) : null;
                    nextCell.addi(StepRules.elementwiseBack(wF, block(zt, 1), split ? block(ztMinus, 1) : null, sign))
                            .addi(StepRules.elementwiseBack(wI, block(zt, 3), split ? block(ztMinus, 3) : null,
                                    sign));
                }
                mPrevCell = nextCell;
                mPrevOut = StepRules.matrixBack(rw4, rw4Abs, zt, ztMinus, split ? signPrevOut.slice(t) : null);
            }
            return new INDArray[] {mzPlus, mzMinus, credit};
        }

        /** Columns {@code from..to} of step {@code t} of a slope's positive (or negative) part. */
        private INDArray part(Multipliers slope, boolean plus, int t, long from, long to) {
            return cols((plus ? slope.plus() : slope.minus()).slice(t), from, to);
        }

        private INDArray inputWeights() {
            return LstmNode.this.inputWeights();
        }
    }

    @Override
    public String toString() {
        return (peepholes ? "gravesLstm" : "lstm") + "[" + units + (backwards() ? ", backwards" : "")
                + (mask().kind() == StepMask.Kind.NONE ? "" : ", masked") + "]";
    }
}
