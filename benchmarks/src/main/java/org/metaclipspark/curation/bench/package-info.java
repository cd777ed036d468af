/**
 * JMH benchmarks, each with its baseline measured in the same run. Run them through {@code
 * scripts/bench-*.sh}, which build {@code benchmarks/target/benchmarks.jar}.
 */
package org.metaclipspark.curation.bench;
