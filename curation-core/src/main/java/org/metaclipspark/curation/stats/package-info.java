/**
 * The figures of each pass, computed without Spark from what the pass collected: {@link
 * org.metaclipspark.curation.stats.MatchFigures} from the per-shard accounting of pass 1, {@link
 * org.metaclipspark.curation.stats.CountFigures} from the entry counts of pass 2, {@link
 * org.metaclipspark.curation.stats.BalanceFigures} from the kept pairs per head entry of pass 3.
 * The jobs add where the output is and whether it was reused; the CLI words them.
 */
package org.metaclipspark.curation.stats;
