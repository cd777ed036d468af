package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipReasonsTest {

  /** A constant added without a place in {@code all()} would be counted but not documented. */
  @Test
  void allListsEveryConstantInDeclarationOrder() throws IllegalAccessException {
    List<String> declared = new ArrayList<>();
    for (Field f : SkipReasons.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
        declared.add((String) f.get(null));
      }
    }
    assertEquals(declared, SkipReasons.all());
  }

  /**
   * The identities in {@link ShardStats} sum over the first four prefixes, so each reason has one;
   * {@code img.} counts WARC {@code img} tags that give no link, outside the identities.
   */
  @Test
  void everyReasonHasAnAccountingPrefix() {
    for (String reason : SkipReasons.all()) {
      assertTrue(
          reason.matches("(record|json|link|text|img)\\.[a-z0-9_]+"),
          () -> reason + " has no record./json./link./text./img. prefix");
    }
    assertEquals(SkipReasons.all().size(), SkipReasons.all().stream().distinct().count());
  }
}
