package org.recoil.fitting.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.recoil.core.InvalidInputException;

/**
 * The digest pyhf records in a patchset's {@code metadata.digests} to identify the background-only
 * workspace its patches were made for (pyhf's {@code utils.digest}): a hash (sha256 or md5) of the UTF-8
 * bytes of the document in canonical JSON, i.e. Python's
 * {@code json.dumps(doc, sort_keys=True, ensure_ascii=False)}: Python's default separators, so that the
 * result is what {@code pyhf digest} prints and what published patchsets record.
 *
 * <p>Canonical form, as Python's {@code json} module writes it: object members sorted by key (code point
 * order), items separated by {@code ", "} and keys from values by {@code ": "}, no other whitespace; integers as written; floating-point numbers as Python's {@code repr} (the
 * shortest decimal string that reads back to the same double, nearest to it when several are that short;
 * Steele and White / Gay; scientific notation {@code 1e-05} when the decimal exponent is below −4 or
 * above 15, otherwise positional with at least one fractional digit, {@code 1.0}); strings with
 * {@code \"}, {@code \\} and control characters escaped ({@code \n}, {@code \r}, {@code \t}, {@code \b},
 * {@code \f}, else <code>&#92;u00XX</code>) and all other characters as they are.
 */
public final class PyhfDigest {

    private PyhfDigest() {
    }

    /**
     * @param document a JSON document
     * @param algorithm {@code sha256} or {@code md5} (the algorithms of pyhf's patchset schema)
     * @return the lowercase hexadecimal digest of the canonical JSON
     * @throws InvalidInputException for another algorithm
     */
    public static String digest(JsonNode document, String algorithm) {
        String javaName = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "md5" -> "MD5";
            default -> throw new InvalidInputException("unsupported digest algorithm '" + algorithm
                    + "', expected sha256 or md5");
        };
        try {
            MessageDigest md = MessageDigest.getInstance(javaName);
            return HexFormat.of().formatHex(md.digest(canonicalJson(document).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + javaName, e);
        }
    }

    /**
     * @param document a JSON document
     * @return its canonical JSON text (see the class documentation)
     */
    public static String canonicalJson(JsonNode document) {
        StringBuilder sb = new StringBuilder(1 << 16);
        write(document, sb);
        return sb.toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>(n.size());
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.sort(PyhfDigest::compareCodePoints);
                sb.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    string(keys.get(i), sb);
                    sb.append(": ");
                    write(n.get(keys.get(i)), sb);
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(n.get(i), sb);
                }
                sb.append(']');
            }
            case STRING -> string(n.textValue(), sb);
            case BOOLEAN -> sb.append(n.booleanValue() ? "true" : "false");
            case NULL -> sb.append("null");
            case NUMBER -> {
                if (n.isIntegralNumber()) {
                    sb.append(n.bigIntegerValue());
                } else {
                    sb.append(pythonRepr(n.doubleValue()));
                }
            }
            default -> throw new InvalidInputException("cannot digest a JSON node of type " + n.getNodeType());
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Python's {@code repr} of a double: shortest round-trip digits, positional for decimal exponents
     * −4 ... 15, otherwise scientific with a signed exponent of at least two digits.
     *
     * @param d a double
     * @return its Python representation ({@code NaN}, {@code Infinity}, {@code -Infinity} as Python's json writes them)
     */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        // strip trailing zeros of the digit string (they carry no information)
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        int exponentShift = digits.length() - end;
        digits = digits.substring(0, end);
        // value = 0.d1d2... x 10^decpt
        int decpt = digits.length() - shortest.scale() + exponentShift;
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (decpt <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-decpt));
            sb.append(digits);
        } else if (decpt < digits.length()) {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that reads back as {@code x} (> 0), the nearest to it among those. Rounding the
     * exact value to p digits gives the nearest p-digit decimal; whether it reads back is monotone in p
     * (the nearest (p+1)-digit decimal is at least as close), so p is found by bisection. At a power of
     * two the interval of decimals reading back as x is asymmetric, so there a p-digit neighbour on the
     * wider side may read back while the nearest does not: every p is then tried with both neighbours.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        boolean powerOfTwo = (Double.doubleToRawLongBits(x) & 0x000F_FFFF_FFFF_FFFFL) == 0;
        if (!powerOfTwo) {
            int lo = 1;
            int hi = 17;
            BigDecimal best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                BigDecimal r = exact.round(new MathContext(mid, RoundingMode.HALF_EVEN));
                if (r.doubleValue() == x) {
                    hi = mid;
                    best = r;
                } else {
                    lo = mid + 1;
                }
            }
            return best;
        }
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == x) {
                return nearest;
            }
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            boolean upOk = up.doubleValue() == x;
            boolean downOk = down.doubleValue() == x;
            if (upOk && downOk) {
                return up.subtract(exact).abs().compareTo(exact.subtract(down).abs()) <= 0 ? up : down;
            }
            if (upOk) {
                return up;
            }
            if (downOk) {
                return down;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
