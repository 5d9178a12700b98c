package org.recoil.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.function.Function;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.ThreeVector;

/**
 * The columns holding one muon's momentum: either Cartesian ({@code px, py, pz} in GeV) or
 * spherical ({@code p} in GeV, polar angle {@code theta} from +z and azimuth {@code phi} from +x,
 * both in radians). Exactly one of the two triples is given.
 *
 * @param px column of p_x (Cartesian form)
 * @param py column of p_y (Cartesian form)
 * @param pz column of p_z (Cartesian form)
 * @param p column of |p| (spherical form)
 * @param theta column of the polar angle θ in radians (spherical form)
 * @param phi column of the azimuth φ in radians (spherical form)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record MuonColumns(
        @JsonProperty("px") String px,
        @JsonProperty("py") String py,
        @JsonProperty("pz") String pz,
        @JsonProperty("p") String p,
        @JsonProperty("theta") String theta,
        @JsonProperty("phi") String phi) {

    /**
     * @throws InvalidInputException unless exactly one complete triple of non-blank names is given
     */
    public MuonColumns {
        boolean anyCartesian = px != null || py != null || pz != null;
        boolean anySpherical = p != null || theta != null || phi != null;
        if (anyCartesian == anySpherical) {
            throw new InvalidInputException("column mapping: give a muon's momentum either as px, py, pz or as p, theta, phi"
                    + (anyCartesian ? ", not both" : ""));
        }
        if (anyCartesian ? blank(px) || blank(py) || blank(pz) : blank(p) || blank(theta) || blank(phi)) {
            throw new InvalidInputException("column mapping: incomplete muon momentum columns: "
                    + (anyCartesian ? "px=" + px + ", py=" + py + ", pz=" + pz : "p=" + p + ", theta=" + theta + ", phi=" + phi));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * @param px column of p_x
     * @param py column of p_y
     * @param pz column of p_z
     * @return Cartesian momentum columns
     */
    public static MuonColumns cartesian(String px, String py, String pz) {
        return new MuonColumns(px, py, pz, null, null, null);
    }

    /**
     * @param p column of |p|
     * @param theta column of the polar angle (radians)
     * @param phi column of the azimuth (radians)
     * @return spherical momentum columns
     */
    public static MuonColumns spherical(String p, String theta, String phi) {
        return new MuonColumns(null, null, null, p, theta, phi);
    }

    /** @return true for the px/py/pz form */
    public boolean cartesian() {
        return px != null;
    }

    /**
     * The Cartesian momentum of one row, from the values of this muon's three columns (in the order
     * of {@link #names()}): {@code (px, py, pz)} unchanged, or for the spherical form
     * {@code (p sinθ cosφ, p sinθ sinφ, p cosθ)} after checking {@code p >= 0} and
     * {@code 0 <= θ <= π}. Every event reader (local and Spark) converts with this method.
     *
     * @param a p_x, or |p| (GeV)
     * @param b p_y, or θ (radians)
     * @param c p_z, or φ (radians)
     * @param where the location of an error, given the offending column's name (e.g. file, column
     *     and row); the message is {@code where.apply(column) + ": " + problem}
     * @return the momentum, GeV
     * @throws InvalidInputException if p is negative or θ outside [0, π]
     */
    public ThreeVector momentum(double a, double b, double c, Function<String, String> where) {
        if (cartesian()) {
            return new ThreeVector(a, b, c);
        }
        if (a < 0) {
            throw new InvalidInputException(where.apply(p) + ": momentum " + a + " is negative");
        }
        if (b < 0 || b > Math.PI) {
            throw new InvalidInputException(where.apply(theta) + ": polar angle " + b + " rad is outside [0, pi]");
        }
        return ThreeVector.fromRThetaPhi(a, b, c);
    }

    /** @return the three column names, in the order px, py, pz or p, theta, phi */
    public String[] names() {
        return cartesian() ? new String[] {px, py, pz} : new String[] {p, theta, phi};
    }
}
