package org.recoil.core.sim;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * Base of the generators: splits a request into fixed-size blocks, each with its own random
 * stream derived from (seed, process, purpose, block index), runs the blocks in parallel and
 * concatenates them in block order, so the output does not depend on the number of threads.
 * Subclasses provide a {@link Simulator} per block (holding its scratch arrays): it generates one
 * event in the CM frame and hands it to the {@link Recorder}, which moves it to the lab and applies
 * the detector.
 */
abstract class AbstractEventGenerator implements EventGenerator {
    /** Muon mass, GeV. */
    static final double M_MU = PhysicsConstants.MUON_MASS;
    /** Events per block (and per random stream). */
    static final int BLOCK_SIZE = 1 << 15;
    /** Largest pseudo-data sample generated event by event. */
    static final double MAX_UNWEIGHTED_EVENTS = 5.0e7;
    private static final long PURPOSE_TEMPLATE = 1;
    private static final long PURPOSE_PSEUDO_DATA = 2;
    private static final long PURPOSE_COUNT = 3;

    private final String process;
    private final double crossSectionPb;
    final CollisionFrame frame;
    final DetectorSmearing detector;

    AbstractEventGenerator(String process, double crossSectionPb, CollisionFrame frame,
            DetectorSmearing detector) {
        if (!(crossSectionPb > 0.0) || Double.isInfinite(crossSectionPb)) {
            throw new InvalidInputException("generator " + process
                    + ": cross section must be positive and finite, got " + crossSectionPb + " pb");
        }
        this.process = process;
        this.crossSectionPb = crossSectionPb;
        this.frame = frame;
        this.detector = detector;
    }

    @Override
    public final String process() {
        return process;
    }

    @Override
    public final double crossSectionPb() {
        return crossSectionPb;
    }

    /** @return the detector response applied to the events */
    public final DetectorSmearing detector() {
        return detector;
    }

    @Override
    public final SimulatedEvents generate(int nGenerated, long seed, double luminosityPb) {
        if (nGenerated < 1) {
            throw new InvalidInputException("generator " + process
                    + ": number of events must be at least 1, got " + nGenerated);
        }
        checkLuminosity(luminosityPb);
        List<EventBuffer> blocks = run(nGenerated, seed, PURPOSE_TEMPLATE);
        return SimulatedEvents.fromBuffers(process, crossSectionPb, luminosityPb, nGenerated, blocks,
                crossSectionPb * luminosityPb / nGenerated);
    }

    @Override
    public final SimulatedEvents generateUnweighted(double luminosityPb, long seed) {
        checkLuminosity(luminosityPb);
        double mean = crossSectionPb * luminosityPb;
        if (mean > MAX_UNWEIGHTED_EVENTS) {
            throw new InvalidInputException("generator " + process + ": pseudo-data at "
                    + luminosityPb + " /pb would need " + Math.round(mean) + " events (more than "
                    + (long) MAX_UNWEIGHTED_EVENTS + "); use weighted templates or Asimov data");
        }
        UniformRandomProvider countRng = RandomSource.XO_RO_SHI_RO_128_PP.create(
                SeedSequence.derive(seed, SeedSequence.key(process), PURPOSE_COUNT));
        int n = PoissonSampler.of(countRng, mean).sample();
        List<EventBuffer> blocks = n == 0 ? List.of(new EventBuffer(SimulatedEvents.COLUMNS.size(), 0))
                : run(n, seed, PURPOSE_PSEUDO_DATA);
        return SimulatedEvents.fromBuffers(process, crossSectionPb, luminosityPb, n, blocks, 1.0);
    }

    private void checkLuminosity(double luminosityPb) {
        if (!(luminosityPb > 0.0) || Double.isInfinite(luminosityPb)) {
            throw new InvalidInputException("generator " + process
                    + ": luminosity must be positive and finite, got " + luminosityPb + " /pb");
        }
    }

    private List<EventBuffer> run(int n, long seed, long purpose) {
        int nBlocks = (n + BLOCK_SIZE - 1) / BLOCK_SIZE;
        long processKey = SeedSequence.key(process);
        return IntStream.range(0, nBlocks).parallel().mapToObj(b -> {
            int count = Math.min(BLOCK_SIZE, n - b * BLOCK_SIZE);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
                    SeedSequence.derive(seed, processKey, purpose, b));
            Recorder recorder = new Recorder(frame, detector, ZigguratSampler.NormalizedGaussian.of(rng),
                    new EventBuffer(SimulatedEvents.COLUMNS.size(), count / 4));
            Simulator simulator = newSimulator();
            for (int i = 0; i < count; i++) {
                simulator.simulate(rng, recorder);
            }
            return recorder.buffer;
        }).collect(Collectors.toList());
    }

    /** @return a new simulator with its own scratch space, used by one block (one thread) */
    abstract Simulator newSimulator();

    /** Generates events one by one; not thread-safe (one instance per block). */
    interface Simulator {
        /**
         * Generates one event in the CM frame (z* along the e- beam) and passes it to
         * {@link Recorder#record}. Called once per generated event.
         *
         * @param rng the block's random stream
         * @param recorder where the event goes
         */
        void simulate(UniformRandomProvider rng, Recorder recorder);
    }

    /**
     * Moves generated CM-frame particles to the lab, applies the detector response and stores the
     * event if both muons are accepted. Holds scratch arrays; one per block (not thread-safe).
     */
    static final class Recorder {
        private final CollisionFrame frame;
        private final DetectorSmearing detector;
        private final NormalizedGaussianSampler gauss;
        final EventBuffer buffer;
        private final double[] mu = new double[8];
        private final double[] photon = new double[4];

        Recorder(CollisionFrame frame, DetectorSmearing detector, NormalizedGaussianSampler gauss,
                EventBuffer buffer) {
            this.frame = frame;
            this.detector = detector;
            this.gauss = gauss;
            this.buffer = buffer;
        }

        /**
         * @param muPlus CM four-momentum of the mu+ (read, not modified)
         * @param muMinus CM four-momentum of the mu-
         * @param photons CM four-momenta of the photons, 4 values each
         * @param nPhotons how many photons {@code photons} holds
         */
        void record(double[] muPlus, double[] muMinus, double[] photons, int nPhotons) {
            double sqrtS = frame.sqrtS();
            double re = sqrtS - muPlus[0] - muMinus[0];
            double rx = -muPlus[1] - muMinus[1];
            double ry = -muPlus[2] - muMinus[2];
            double rz = -muPlus[3] - muMinus[3];
            double trueRecoil2 = re * re - rx * rx - ry * ry - rz * rz;
            System.arraycopy(muPlus, 0, mu, 0, 4);
            System.arraycopy(muMinus, 0, mu, 4, 4);
            frame.toLab(mu, 0);
            frame.toLab(mu, 4);
            if (!detector.inTrackAcceptance(mu[1], mu[2], mu[3])
                    || !detector.inTrackAcceptance(mu[5], mu[6], mu[7])) {
                return;
            }
            detector.smearMuon(mu, 1, gauss);
            detector.smearMuon(mu, 5, gauss);
            if (!detector.inTrackAcceptance(mu[1], mu[2], mu[3])
                    || !detector.inTrackAcceptance(mu[5], mu[6], mu[7])) {
                return;
            }
            double extra = 0.0;
            for (int k = 0; k < nPhotons; k++) {
                System.arraycopy(photons, 4 * k, photon, 0, 4);
                frame.toLab(photon, 0);
                extra += detector.measuredPhotonEnergy(photon[0], photon[1], photon[2], photon[3], gauss);
            }
            int row = buffer.addRow();
            buffer.set(SimulatedEvents.MU1_PX, row, mu[1]);
            buffer.set(SimulatedEvents.MU1_PY, row, mu[2]);
            buffer.set(SimulatedEvents.MU1_PZ, row, mu[3]);
            buffer.set(SimulatedEvents.MU1_CHARGE, row, 1.0);
            buffer.set(SimulatedEvents.MU2_PX, row, mu[5]);
            buffer.set(SimulatedEvents.MU2_PY, row, mu[6]);
            buffer.set(SimulatedEvents.MU2_PZ, row, mu[7]);
            buffer.set(SimulatedEvents.MU2_CHARGE, row, -1.0);
            buffer.set(SimulatedEvents.EXTRA_ENERGY, row, extra);
            buffer.set(SimulatedEvents.TRUE_RECOIL_MASS2, row, trueRecoil2);
        }
    }
}
