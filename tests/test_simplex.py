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


# ---------------------------------------------------------------------------------------------------------
# The noise and its gradient: the formula, the autodiff engine and finite differences agree
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("r2", [0.5, 0.6])
def test_noise_gradient_formula_matches_central_differences(n, r2):
    pts = np.random.default_rng(n).uniform(-4, 4, size=(40, n))
    grad = X.noise_gradient(pts, r2, seed=1)
    assert grad.shape == (40, n)
    h = 1e-5
    central = np.stack(
        [(X.noise(pts + h * e, r2, seed=1) - X.noise(pts - h * e, r2, seed=1)) / (2 * h) for e in np.eye(n)], axis=1
    )
    np.testing.assert_allclose(central, grad, rtol=0, atol=1e-8 * np.abs(grad).max())


@pytest.mark.parametrize("n", [2, 3, 4])
def test_engine_builds_the_noise_and_its_gradient(n):
    pts = np.random.default_rng(10 + n).uniform(-4, 4, size=(15, n))
    for p in pts:
        graph = X.noise_graph(p, 0.6, seed=2)
        # forward values first, then gradients (micrograd's two stages)
        assert graph.n.data == pytest.approx(X.noise(p, 0.6, seed=2)[0], abs=1e-15)
        assert graph.vertices.shape == (n + 1, n)
        graph.n.backward()
        engine = np.array([xi.grad for xi in graph.x])
        np.testing.assert_allclose(engine, X.noise_gradient(p, 0.6, seed=2)[0], rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(X.engine_gradient(p, 0.6, seed=2), engine)


def test_engine_gradient_is_zero_far_from_every_vertex_kernel():
    # with a tiny radius, a point at the centre of its simplex sees no kernel: n = 0 and the relu passes 0 back
    centre = X.locate(np.array([[0.3, 0.1]]))[1][0].mean(axis=0)
    assert X.noise(centre, 0.01)[0] == 0.0
    assert not X.engine_gradient(centre, 0.01).any()


@pytest.mark.parametrize("n", [2, 3, 4])
def test_gradient_along_line_jumps_only_above_one_half(n):
    smooth = X.gradient_along_line(n, 0.5)
    assert smooth.jump_value == 0 and not smooth.jump_gradient.any() and smooth.jump_slope == 0
    seam = X.gradient_along_line(n, 0.6)
    assert seam.jump_value == pytest.approx(X.kernel_along_line(n, 0.6).jump_field, abs=1e-18)
    assert np.linalg.norm(seam.jump_gradient) > 1e-5
    assert seam.t.shape == seam.value.shape == seam.slope.shape and seam.gradient.shape == (seam.t.size, n)
    np.testing.assert_allclose(seam.slope, seam.gradient @ seam.normal)
    assert np.linalg.norm(seam.normal) == pytest.approx(1.0)
    # the engine's one-sided limits, located on either side of the facet, are the line's limits
    c, u = seam.crossing, seam.normal
    np.testing.assert_allclose(X.engine_gradient(c, 0.6, locate_at=c - 1e-9 * u), seam.gradient_before, atol=1e-15)
    np.testing.assert_allclose(X.engine_gradient(c, 0.6, locate_at=c + 1e-9 * u), seam.gradient_after, atol=1e-15)


def test_central_difference_across_a_seam_grows_like_one_over_h():
    seam = X.gradient_along_line(3, 0.6)
    c, u = seam.crossing, seam.normal
    mid = (seam.gradient_before + seam.gradient_after) @ u / 2
    errors = [
        abs((X.noise(c + h * u, 0.6)[0] - X.noise(c - h * u, 0.6)[0]) / (2 * h) - mid) for h in (1e-4, 1e-5, 1e-6)
    ]
    assert errors[1] / errors[0] == pytest.approx(10, rel=0.2)
    assert errors[2] / errors[1] == pytest.approx(10, rel=0.2)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_foot_of_the_perpendicular_is_the_midpoint(n):
    assert X.foot_is_midpoint(n)


def test_noise_validation():
    with pytest.raises(ValueError):
        X.foot_is_midpoint(1)
    with pytest.raises(ValueError, match="x must be one point, shape \\(N,\\), got 2 points"):
        X.noise_graph(np.zeros((2, 3)))
    with pytest.raises(ValueError):
        X.noise(np.array([[np.nan, 0.0]]))
    with pytest.raises(ValueError):
        X.noise_gradient(np.zeros(2), r2=0)
    with pytest.raises(ValueError):
        X.gradient_along_line(1)
    with pytest.raises(ValueError):
        X.noise_graph(np.zeros(2), locate_at=np.zeros(3))


def test_noise_seam_plot_describes_the_jump():
    from backprop import figures

    t = np.linspace(-0.003, 0.003, 41)
    lines = [X.gradient_along_line(3, r2, t=t) for r2 in (0.5, 0.6)]
    d = figures.noise_seam_plot(lines)
    assert d.artists["axes"].shape == (2, 2) and len(d.artists["limits"]) == 2
    assert "r^2 = 0.5 neither jumps" in d.alt and "r^2 = 0.6 the noise jumps by" in d.alt
    assert "engine" not in d.alt
    engine = [(t[:3], lines[0].slope[:3]), (t[:3], lines[1].slope[:3])]
    assert "autodiff engine" in figures.noise_seam_plot(lines, engine=engine).alt
    with pytest.raises(ValueError):
        figures.noise_seam_plot(lines, engine=engine[:1])
    with pytest.raises(ValueError):
        figures.noise_seam_plot([])


def test_bad_dimensions_points_and_radii_are_refused_by_validate():
    """N through _validate.dimension, points through point_rows, r² through positive_float."""
    with pytest.raises(ValueError, match=r"N must be an integer >= 2 for a line crossing a facet, got 1"):
        X.kernel_along_line(1)
    with pytest.raises(ValueError, match=r"N must be a positive integer or a SymPy symbol, got 2.0"):
        X.skew_factor(2.0)
    with pytest.raises(ValueError, match=r"N must be a positive integer, got True"):
        X.skew_matrix(True)
    assert X.skew_factor(X.N) == (sp.sqrt(X.N + 1) - 1) / X.N
    assert X.post_argument(2)["s"] == sp.sqrt(sp.Rational(2, 3)), "a concrete N stays exact"
    with pytest.raises(TypeError, match="points must be an array of numbers"):
        X.noise([[0.1, "a"]])
    with pytest.raises(ValueError, match=r"locate_at must have shape \(m, 2\)"):
        X.noise_graph(np.zeros(2), locate_at=np.zeros(3))
    with pytest.raises(TypeError, match="r2 must be a positive number"):
        X.noise(np.zeros(2), r2="0.5")
    with pytest.raises(ValueError, match="r2 must be a positive finite number"):
        X.gradient_along_line(3, r2=float("inf"))
