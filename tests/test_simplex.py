"""The simplex-noise kernel radius (backprop.simplex): symbolic, exact and numeric results agree."""

import numpy as np
import pytest
import sympy as sp

from backprop import simplex as X

DIMS = [2, 3, 4, 5, 6]


# ---------------------------------------------------------------------------------------------------------
# Symbolic N
# ---------------------------------------------------------------------------------------------------------


def test_height_squared_is_half_for_symbolic_N():
    h2 = X.simplex_height_squared(X.N)
    assert h2.has(X.N)  # a genuine expression in N, not a hard-coded constant
    assert sp.simplify(h2 - sp.Rational(1, 2)) == 0


@pytest.mark.parametrize("n", range(1, 9))
def test_height_squared_is_half_for_concrete_N(n):
    assert sp.simplify(X.simplex_height_squared(n)) == sp.Rational(1, 2)


def test_facet_normals_and_inverse_symbolic():
    norms = X.facet_normal_norms_squared()
    assert sp.simplify(norms["e_i"] - 2) == 0
    assert norms["e_i - e_j"] == 2
    assert sp.simplify(norms["inverse_check"]) == 0
    # 1 + 2F + N F^2 = 2 is N F^2 + 2F - 1 = 0 (the note's form)
    F = X.skew_factor()
    assert sp.expand(X.N * F**2 + 2 * F - 1) == 0


@pytest.mark.parametrize("n", DIMS)
def test_skew_and_unskew_are_inverse_and_normals(n):
    S, U = X.skew_matrix(n), X.unskew_matrix(n)
    assert (S * U).applyfunc(sp.expand) == sp.eye(n)
    e1 = sp.Matrix([1] + [0] * (n - 1))
    e12 = sp.Matrix([1, -1] + [0] * (n - 2))
    assert sp.expand(((S * e1).T * (S * e1))[0]) == 2
    assert S * e12 == e12


def test_post_argument_gives_right_number():
    h = X.post_argument()["h"]
    assert sp.simplify(h - 1 / sp.sqrt(2)) == 0


# ---------------------------------------------------------------------------------------------------------
# Exact lattice simplex vs independent reasoning and the NumPy lattice
# ---------------------------------------------------------------------------------------------------------


def _edges_by_hand(n):
    """Independent derivation: the edge between v_p and v_q (skewed coordinates differ by m = |p-q| ones)
    has Euclidean squared length m - 2Gm^2 + NG^2 m^2 = m(N+1-m)/(N+1), since NG^2 - 2G = -1/(N+1)."""
    return sorted({sp.Rational(m * (n + 1 - m), n + 1) for m in range(1, n + 1)})


@pytest.mark.parametrize("n", DIMS)
def test_exact_edges(n):
    ex = X.exact_lattice_simplex(n)
    assert ex.edge_lengths_squared == _edges_by_hand(n)
    assert min(ex.edge_lengths_squared) == sp.Rational(n, n + 1)  # the post's s^2 is only the shortest edge
    assert ex.regular == (n <= 2)
    assert all(v.is_Rational for v in ex.edge_lengths_squared)


@pytest.mark.parametrize("n", DIMS)
def test_exact_heights_all_half(n):
    ex = X.exact_lattice_simplex(n)
    assert len(ex.heights_squared) == n + 1
    assert all(h == sp.Rational(1, 2) for h in ex.heights_squared)


def test_exact_known_values():
    """The values quoted in the book's notes."""
    assert X.exact_lattice_simplex(3).edge_lengths_squared == [sp.Rational(3, 4), 1]
    assert X.exact_lattice_simplex(4).edge_lengths_squared == [sp.Rational(4, 5), sp.Rational(6, 5)]


@pytest.mark.parametrize("n", DIMS)
def test_numeric_lattice_agrees_with_exact(n):
    nl = X.numeric_lattice(n, n_points=150, seed=n)
    assert nl.contains.all()  # the sort-based lookup finds a simplex that contains the point
    # the points fell in many differently oriented simplices, not only the identity one
    orders = {tuple(np.round(v[1] - v[0], 6)) for v in nl.vertices}
    assert len(orders) > 1
    exact = [float(v) for v in X.exact_lattice_simplex(n).edge_lengths_squared]
    np.testing.assert_allclose(nl.edge_lengths_squared(decimals=8), exact, atol=1e-8)
    np.testing.assert_allclose(nl.heights_squared, 0.5, atol=1e-9)


def test_numeric_lattice_validation():
    with pytest.raises(ValueError):
        X.numeric_lattice(0)
    with pytest.raises(ValueError):
        X.numeric_lattice(3, n_points=0)
    with pytest.raises(ValueError):
        X.exact_lattice_simplex(2.5)


# ---------------------------------------------------------------------------------------------------------
# The kernel along a line crossing a facet: r^2 = 0.5 is seamless, 0.6 is not
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", DIMS)
def test_kernel_seamless_at_half(n):
    k = X.kernel_along_line(n, 0.5)
    assert k.t.shape == k.kernel.shape == k.field.shape == k.kernel_unmasked.shape
    assert k.d2_cross >= 0.5 - 1e-12  # no point of the facet is closer than h = 1/sqrt(2)
    assert k.jump_kernel == 0.0
    assert abs(k.jump_field) < 1e-15
    assert np.all(k.kernel[k.t > 0] == 0)


@pytest.mark.parametrize("n", DIMS)
def test_kernel_seam_at_point_six(n):
    k = X.kernel_along_line(n, 0.6)
    assert k.jump_kernel == pytest.approx((0.6 - k.d2_cross) ** 4)
    assert k.jump_kernel > 1e-5
    assert abs(k.jump_field) > 1e-9
    # the vertex's kernel is still nonzero just past the facet, but it is no longer counted
    after = k.t > 0
    assert k.kernel_unmasked[after][0] > 0 and np.all(k.kernel[after] == 0)
    # just before the crossing the counted kernel is close to the jump value
    before = np.flatnonzero(k.t < 0)[-1]
    assert k.kernel[before] == pytest.approx(k.jump_kernel, rel=0.2)


def test_kernel_validation():
    with pytest.raises(ValueError):
        X.kernel_along_line(1, 0.5)
    with pytest.raises(ValueError):
        X.kernel_along_line(3, -1)
