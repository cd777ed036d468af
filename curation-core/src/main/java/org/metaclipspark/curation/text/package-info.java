/**
 * Text normalization shared by every pass: the spacing rule of the curation contract ({@code
 * docs/SEMANTICS.md}, "Spacing") that pads punctuation and turns tabs and line breaks into spaces
 * before a text is matched against the metadata. Classes here are stateless and thread-safe.
 */
package org.metaclipspark.curation.text;
