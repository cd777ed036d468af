/**
 * What the modules' tests share: {@link org.metaclipspark.curation.testsupport.SharedData} finds
 * the read-only shared data (and skips without it), {@link
 * org.metaclipspark.curation.testsupport.Properties} with {@link
 * org.metaclipspark.curation.testsupport.Gen} runs seeded property tests with a minimizer. Depends
 * on no other module of the project, so that every module can take it as a test dependency.
 */
package org.metaclipspark.curation.testsupport;
