package org.recoil.limits.teststat;

import org.recoil.core.InvalidInputException;

/** Look-up of test statistics by their ids, for configuration files and the command line. */
public final class TestStatistics {

    private TestStatistics() {
    }

    /**
     * @param id {@code qtilde}, {@code q}, {@code ttilde}, {@code t}, {@code q0} or {@code event_count}
     * @return the statistic
     * @throws InvalidInputException for an unknown id
     */
    public static TestStatistic fromId(String id) {
        if (EventCount.INSTANCE.id().equals(id)) {
            return EventCount.INSTANCE;
        }
        for (ProfileLikelihoodStatistic s : ProfileLikelihoodStatistic.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown test statistic '" + id + "'; expected qtilde, q, ttilde, t, q0 or "
                + EventCount.INSTANCE.id());
    }
}
