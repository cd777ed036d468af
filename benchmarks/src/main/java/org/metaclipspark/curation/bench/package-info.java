/**
 * JMH benchmarks of the curation core, each with the baselines it must beat measured in the same
 * run, plus small footprint reports. Inputs come from the read-only shared data directory (system
 * property {@code shared.dir}, default {@code ../shared}); run them through {@code
 * scripts/bench-*.sh}, which build {@code benchmarks/target/benchmarks.jar}.
 */
package org.metaclipspark.curation.bench;
