package org.recoil.core.kinematics;

/**
 * A Cartesian 3-vector (momentum in GeV, or a velocity β in units of c).
 *
 * @param x x component
 * @param y y component
 * @param z z component
 */
public record ThreeVector(double x, double y, double z) {

    /** The zero vector. */
    public static final ThreeVector ZERO = new ThreeVector(0, 0, 0);

    /**
     * A vector from its length and direction (the physics convention of spherical coordinates).
     *
     * @param r length (e.g. momentum magnitude |p|)
     * @param theta polar angle from +z, radians
     * @param phi azimuth from +x, radians
     * @return {@code (r sinθ cosφ, r sinθ sinφ, r cosθ)}
     */
    public static ThreeVector fromRThetaPhi(double r, double theta, double phi) {
        double st = Math.sin(theta);
        return new ThreeVector(r * st * Math.cos(phi), r * st * Math.sin(phi), r * Math.cos(theta));
    }

    /** @return the squared length */
    public double mag2() {
        return x * x + y * y + z * z;
    }

    /** @return the length */
    public double mag() {
        return Math.sqrt(mag2());
    }

    /**
     * @param o another vector
     * @return the scalar product
     */
    public double dot(ThreeVector o) {
        return x * o.x + y * o.y + z * o.z;
    }

    /**
     * @param o another vector
     * @return the sum
     */
    public ThreeVector plus(ThreeVector o) {
        return new ThreeVector(x + o.x, y + o.y, z + o.z);
    }

    /**
     * @param f a factor
     * @return this vector times {@code f}
     */
    public ThreeVector times(double f) {
        return new ThreeVector(f * x, f * y, f * z);
    }

    /** @return the opposite vector */
    public ThreeVector negate() {
        return new ThreeVector(-x, -y, -z);
    }

    /**
     * @return this vector divided by its length
     * @throws ArithmeticException for the zero vector
     */
    public ThreeVector unit() {
        double m = mag();
        if (m == 0) {
            throw new ArithmeticException("the zero vector has no direction");
        }
        return times(1.0 / m);
    }
}
