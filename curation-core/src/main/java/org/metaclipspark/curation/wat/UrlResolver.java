package org.metaclipspark.curation.wat;

import java.util.Locale;
import java.util.Optional;

/**
 * Resolves a URL reference against a base URL with RFC 3986 §5.2 semantics, agreeing with Python's
 * {@code urllib.parse.urljoin} on ordinary web URLs: the second step of making an image URL, after
 * {@link TextValues#stripAsciiWhitespace}.
 *
 * <p>Works on plain strings and never uses {@link java.net.URI}, so it accepts what pages contain:
 * inner spaces, non-ASCII characters, unescaped brackets in paths. It applies no normalization
 * beyond resolution: no percent-encoding or decoding and no host case folding. Where RFC 3986 and
 * {@code urljoin} differ on ordinary URLs, this class follows {@code urljoin}, because the image id
 * must equal MetaCLIP's:
 *
 * <ul>
 *   <li>A reference with an authority ({@code http://x/a/../b}, {@code //cdn/x}) is used as it is,
 *       without removing dot segments.
 *   <li>A reference whose scheme differs from the base's is returned verbatim ({@code
 *       javascript:void(0)}, {@code data:...}, {@code HTTPS://X} under an {@code http} base).
 *   <li>A reference with the base's scheme and no authority ({@code http:g}) is resolved as a
 *       relative reference (RFC 3986 §5.2.2, non-strict mode); the result's scheme is lower case.
 * </ul>
 *
 * <p>An empty fragment is dropped, as {@code urljoin} drops it: {@code "#"} resolves to the base
 * without its fragment, and {@code http://x/a#} under an {@code http} base to {@code http://x/a}
 * (spec section 4b: an {@code <img src="#">} names the page).
 *
 * <p>Known differences from {@code urljoin} on unusual inputs: {@code urljoin} drops an empty query
 * ({@code "?"}) and collapses empty segments ({@code a//b}) when merging a relative path, and
 * deletes inner tabs and newlines; this class keeps them as RFC 3986 does. A base or reference with
 * unbalanced {@code [}/{@code ]} in its authority is unresolvable here, as it is for {@code
 * urljoin} (which raises {@code ValueError}).
 *
 * <p>Stateless and thread-safe. Runs in time linear in the input lengths.
 */
public final class UrlResolver {

  private UrlResolver() {}

  /**
   * Resolves {@code ref} against {@code base}.
   *
   * @return the resolved URL, or empty when it cannot be resolved: the base is not an absolute URL
   *     (no scheme) while the reference is relative, or an authority has unbalanced brackets
   */
  public static Optional<String> resolve(String base, String ref) {
    return resolve(Base.of(base), ref);
  }

  /**
   * Resolves {@code ref} against a base split beforehand, as {@link #resolve(String, String)} does:
   * the links of one page share their base.
   */
  public static Optional<String> resolve(Base base, String ref) {
    Parts r = Parts.parse(ref);
    if (r == null) {
      return Optional.empty();
    }
    Parts b = base.parts;
    if (b == null || b.scheme == null) {
      return r.scheme != null ? Optional.of(ref) : Optional.empty();
    }
    String scheme = base.lowerScheme;
    if (r.scheme != null && !r.scheme.equalsIgnoreCase(scheme)) {
      return Optional.of(ref);
    }
    if (r.fragment != null && r.fragment.isEmpty()) {
      r.fragment = null;
      if (r.authority != null && r.scheme != null && r.scheme.equals(scheme)) {
        return Optional.of(ref.substring(0, ref.length() - 1));
      }
    }
    if (r.authority != null) {
      if (r.scheme != null && r.scheme.equals(scheme)) {
        return Optional.of(ref);
      }
      return Optional.of(compose(scheme, r.authority, r.path, r.query, r.fragment));
    }
    String path;
    String query;
    if (r.path.isEmpty()) {
      path = b.path;
      query = r.query != null ? r.query : b.query;
    } else {
      query = r.query;
      if (r.path.charAt(0) == '/') {
        path = removeDotSegments(r.path);
      } else {
        path = removeDotSegments(merge(b, r.path));
      }
    }
    return Optional.of(compose(scheme, b.authority, path, query, r.fragment));
  }

  /** Returns the lower-case scheme of an absolute URL, or empty if it has none. */
  public static Optional<String> scheme(String url) {
    int end = schemeEnd(url);
    return end < 0 ? Optional.empty() : Optional.of(url.substring(0, end).toLowerCase(Locale.ROOT));
  }

  /** Returns whether {@code url} has the scheme {@code http} or {@code https}, in any case. */
  public static boolean isHttp(String url) {
    int end = schemeEnd(url);
    return (end == 4 && url.regionMatches(true, 0, "http", 0, 4))
        || (end == 5 && url.regionMatches(true, 0, "https", 0, 5));
  }

  /** RFC 3986 §5.2.3: the base path up to its last slash, plus the reference path. */
  private static String merge(Parts b, String refPath) {
    if (b.authority != null && b.path.isEmpty()) {
      return "/" + refPath;
    }
    int slash = b.path.lastIndexOf('/');
    return slash < 0 ? refPath : b.path.substring(0, slash + 1) + refPath;
  }

  /** RFC 3986 §5.2.4, on whole segments. */
  static String removeDotSegments(String path) {
    if (path.indexOf('.') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    int i = 0;
    int n = path.length();
    while (i < n) {
      if (path.startsWith("../", i)) {
        i += 3;
      } else if (path.startsWith("./", i)) {
        i += 2;
      } else if (path.startsWith("/./", i)) {
        i += 2;
      } else if (i + 2 == n && path.startsWith("/.", i)) {
        out.append('/');
        i = n;
      } else if (path.startsWith("/../", i)) {
        i += 3;
        removeLastSegment(out);
      } else if (i + 3 == n && path.startsWith("/..", i)) {
        removeLastSegment(out);
        out.append('/');
        i = n;
      } else if ((i + 1 == n && path.charAt(i) == '.')
          || (i + 2 == n && path.startsWith("..", i))) {
        i = n;
      } else {
        int next = path.indexOf('/', i + 1);
        if (next < 0) {
          next = n;
        }
        out.append(path, i, next);
        i = next;
      }
    }
    return out.toString();
  }

  private static void removeLastSegment(StringBuilder out) {
    int slash = out.lastIndexOf("/");
    out.setLength(Math.max(slash, 0));
  }

  private static String compose(
      String scheme, String authority, String path, String query, String fragment) {
    StringBuilder sb =
        new StringBuilder(
            scheme.length()
                + 3
                + (authority == null ? 0 : authority.length())
                + path.length()
                + (query == null ? 0 : query.length() + 1)
                + (fragment == null ? 0 : fragment.length() + 1));
    sb.append(scheme).append(':');
    if (authority != null) {
      sb.append("//").append(authority);
    }
    sb.append(path);
    if (query != null) {
      sb.append('?').append(query);
    }
    if (fragment != null) {
      sb.append('#').append(fragment);
    }
    return sb.toString();
  }

  /** Index of the ':' ending a valid RFC 3986 scheme, or -1. */
  private static int schemeEnd(String s) {
    int n = s.length();
    if (n == 0 || !isAsciiAlpha(s.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i;
      }
      if (!(isAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** A base URL split into its components once; immutable. */
  public static final class Base {
    private final Parts parts;
    private final String lowerScheme;

    private Base(Parts parts) {
      this.parts = parts;
      this.lowerScheme =
          parts == null || parts.scheme == null ? null : parts.scheme.toLowerCase(Locale.ROOT);
    }

    /** Splits {@code base}; a base with unbalanced brackets resolves only absolute references. */
    public static Base of(String base) {
      return new Base(Parts.parse(base));
    }
  }

  /** The five components of RFC 3986 Appendix B; null means undefined. */
  private static final class Parts {
    String scheme;
    String authority;
    String path;
    String query;
    String fragment;

    /** Splits {@code s}, or returns null when an authority has unbalanced brackets. */
    static Parts parse(String s) {
      Parts p = new Parts();
      int n = s.length();
      int i = 0;
      int colon = schemeEnd(s);
      if (colon >= 0) {
        p.scheme = s.substring(0, colon);
        i = colon + 1;
      }
      int hash = s.indexOf('#', i);
      int end = hash < 0 ? n : hash;
      if (hash >= 0) {
        p.fragment = s.substring(hash + 1);
      }
      int question = s.indexOf('?', i);
      if (question >= 0 && question < end) {
        p.query = s.substring(question + 1, end);
        end = question;
      }
      if (s.startsWith("//", i)) {
        int a = i + 2;
        int slash = s.indexOf('/', a);
        int authEnd = slash < 0 || slash > end ? end : slash;
        p.authority = s.substring(a, authEnd);
        if ((p.authority.indexOf('[') >= 0) != (p.authority.indexOf(']') >= 0)) {
          return null;
        }
        i = authEnd;
      }
      p.path = s.substring(i, end);
      return p;
    }
  }
}
