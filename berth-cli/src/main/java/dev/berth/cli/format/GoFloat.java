package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float formatting ({@code strconv.FormatFloat} with 'e', 'f' and 'g'), which differs from
 * Java's: {@code %.3g} of 1.985472 is {@code 1.99} (trailing zeros dropped) and {@code %v} of
 * 1000000.0 is {@code 1e+06}. go-units' sizes and template output depend on these exact digits.
 */
final class GoFloat {
    private GoFloat() {
    }

    /** Decimal digits without trailing zeros and the position of the decimal point: 0.{@code d} × 10^{@code dp}. */
    private record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }

        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String d = stripped.unscaledValue().abs().toString();
            return new Digits(d, d.length() - stripped.scale());
        }
    }

    /** {@code %g} with {@code prec} significant digits, or the shortest exact form when {@code prec < 0}. */
    static String formatG(double v, int prec) {
        if (!Double.isFinite(v)) {
            return special(v);
        }
        boolean shortest = prec < 0;
        Digits digs = shortest ? shortest(v) : rounded(v, prec == 0 ? 1 : prec);
        if (prec == 0) {
            prec = 1;
        }
        int eprec = prec;
        if (shortest) {
            prec = digs.nd();
            eprec = 6;
        } else if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
            eprec = digs.nd();
        }
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
            return sign(v) + exponent(digs, Math.min(prec, digs.nd()) - 1);
        }
        if (prec > digs.dp()) {
            prec = digs.nd();
        }
        return sign(v) + fixed(digs, Math.max(prec - digs.dp(), 0));
    }

    /** {@code %e} with {@code prec} digits after the point. */
    static String formatE(double v, int prec) {
        if (!Double.isFinite(v)) {
            return special(v);
        }
        return sign(v) + exponent(rounded(v, prec + 1), prec);
    }

    /** {@code %f} with {@code prec} digits after the point. */
    static String formatF(double v, int prec) {
        if (!Double.isFinite(v)) {
            return special(v);
        }
        BigDecimal scaled = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN);
        return sign(v) + fixed(Digits.of(scaled), prec);
    }

    /** encoding/json's float form: shortest digits, exponent only below 1e-6 or from 1e21 on. */
    static String json(double v) {
        double abs = Math.abs(v);
        Digits digs = shortest(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String e = sign(v) + exponent(digs, digs.nd() - 1);
            int at = e.indexOf('e');
            if (e.length() - at == 4 && e.charAt(at + 2) == '0') {
                e = e.substring(0, at + 2) + e.charAt(at + 3);
            }
            return e;
        }
        return sign(v) + fixed(digs, Math.max(digs.nd() - digs.dp(), 0));
    }

    private static Digits shortest(double v) {
        return v == 0 ? new Digits("", 0) : Digits.of(new BigDecimal(Double.toString(Math.abs(v))));
    }

    private static Digits rounded(double v, int significant) {
        return Digits.of(new BigDecimal(Math.abs(v)).round(new MathContext(significant, RoundingMode.HALF_EVEN)));
    }

    private static String sign(double v) {
        return v < 0 || v == 0 && 1 / v < 0 ? "-" : "";
    }

    private static String special(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
    }

    private static String exponent(Digits digs, int frac) {
        StringBuilder out = new StringBuilder();
        out.append(digs.nd() == 0 ? '0' : digs.d().charAt(0));
        if (frac > 0) {
            out.append('.');
            for (int i = 1; i <= frac; i++) {
                out.append(i < digs.nd() ? digs.d().charAt(i) : '0');
            }
        }
        int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
        out.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }

    private static String fixed(Digits digs, int frac) {
        StringBuilder out = new StringBuilder();
        if (digs.dp() > 0) {
            for (int i = 0; i < digs.dp(); i++) {
                out.append(i < digs.nd() ? digs.d().charAt(i) : '0');
            }
        } else {
            out.append('0');
        }
        if (frac > 0) {
            out.append('.');
            for (int i = 1; i <= frac; i++) {
                int j = digs.dp() + i - 1;
                out.append(j >= 0 && j < digs.nd() ? digs.d().charAt(j) : '0');
            }
        }
        return out.toString();
    }
}
