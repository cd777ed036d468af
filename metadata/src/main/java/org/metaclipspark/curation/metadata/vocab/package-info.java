/**
 * The merge of the vocabulary sources (docs/SEMANTICS.md, building the vocabulary) into MetaCLIP's
 * {@code metadata.json}, with a report of what each source offered, what was kept, and what was
 * dropped and why. Pure Java.
 */
package org.metaclipspark.curation.metadata.vocab;
