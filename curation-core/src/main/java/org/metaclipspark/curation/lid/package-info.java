/**
 * Language identification ({@code docs/SEMANTICS.md}, spec §8.2): the language of a text by
 * fastText's {@code lid.176.ftz} model, label for label and probability for probability what
 * fastText 0.9.2's {@code predict} returns for the text followed by {@code "\n"}, in pure Java.
 *
 * <p>Rooms: {@code FastTextFormat} reads the binary model (header, arguments, dictionary with its
 * pruned-bucket index, product-quantized input matrix, output matrix) and validates it; {@link
 * org.metaclipspark.curation.lid.LanguageIdModel} is the immutable, serializable model that runs
 * the prediction over flat arrays; {@link org.metaclipspark.curation.lid.LidBuffer} is the
 * per-thread scratch that receives the labels; {@link org.metaclipspark.curation.lid.LabelKeys}
 * maps a label to a vocabulary key.
 */
package org.metaclipspark.curation.lid;
