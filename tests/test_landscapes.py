"""Beyond the bowl: the double well against finite differences, the heavy
ball against its recursion and its closed-form stability analysis, noisy
descent against plain descent."""

import numpy as np
import pytest

from backprop import QuadraticBowl, descend
from backprop.landscapes import (
    DoubleWell,
    basin,
    cost_moved,
    endings,
    gradient_vector,
    heavy_ball,
    heavy_ball_eta_critical,
    heavy_ball_optimum,
    heavy_ball_rate,
    noisy_descend,
)

RNG = np.random.default_rng(0)


# -- the double well -----------------------------------------------------
@pytest.mark.parametrize("tilt,h", [(0.3, 1.0), (0.0, 4.0), (-0.5, 0.2)])
def test_double_well_gradient_matches_finite_differences(tilt, h):
    surface = DoubleWell(tilt=tilt, h=h)
    eps = 1e-6
    for theta in RNG.uniform(-2, 2, size=(20, 2)):
        numeric = [(surface(theta + eps * e) - surface(theta - eps * e)) / (2 * eps) for e in np.eye(2)]
        np.testing.assert_allclose(surface.grad(theta), numeric, rtol=1e-6, atol=1e-7)


def test_double_well_hessian_matches_finite_differences_of_gradient():
    surface = DoubleWell()
    eps = 1e-6
    for theta in RNG.uniform(-2, 2, size=(10, 2)):
        numeric = np.column_stack(
            [(surface.grad(theta + eps * e) - surface.grad(theta - eps * e)) / (2 * eps) for e in np.eye(2)]
        )
        np.testing.assert_allclose(surface.hessian(theta), numeric, rtol=1e-6, atol=1e-6)


def test_double_well_evaluates_on_a_grid_like_the_bowl():
    surface = DoubleWell()
    grid = RNG.uniform(-2, 2, size=(2, 5, 7))
    values = surface(grid)
    assert values.shape == (5, 7)
    assert values[3, 4] == pytest.approx(surface(grid[:, 3, 4]))


def test_stationary_points_are_two_minima_and_a_saddle():
    surface = DoubleWell(tilt=0.3)
    points = surface.stationary_points()
    assert list(points) == ["left minimum", "saddle", "right minimum"]
    for name, p in points.items():
        np.testing.assert_allclose(surface.grad(p), 0, atol=1e-12)
        eig = np.linalg.eigvalsh(surface.hessian(p))
        if name == "saddle":
            assert eig[0] < 0 < eig[1]
        else:
            assert np.all(eig > 0)
    # The positive tilt makes the left minimum the deeper one.
    assert surface(points["left minimum"]) < surface(points["right minimum"])
    # Without tilt: minima at ±1, saddle at the origin.
    flat = DoubleWell(tilt=0.0).stationary_points()
    np.testing.assert_allclose(flat["left minimum"], [-1, 0], atol=1e-12)
    np.testing.assert_allclose(flat["saddle"], [0, 0], atol=1e-12)


def test_stationary_points_do_not_depend_on_the_eigenvalue_solver_bits(monkeypatch):
    """np.roots' last bits vary with the LAPACK kernels; the Newton polish settles on one float."""
    import backprop.landscapes as landscapes

    surface = DoubleWell(tilt=0.3)
    exact = surface.stationary_points()
    true_roots = np.roots
    for k in (-5, -1, 1, 5):
        monkeypatch.setattr(
            landscapes.np, "roots", lambda c, k=k: (lambda r: r + k * np.spacing(r))(np.sort(true_roots(c).real))
        )
        moved = surface.stationary_points()
        monkeypatch.setattr(landscapes.np, "roots", true_roots)
        for name in exact:
            assert moved[name][0] == exact[name][0], (k, name)
    # and descent started on the saddle's line stays at the saddle
    start = (exact["saddle"][0], 1.2)
    path = descend(surface.grad, start, eta=0.05, steps=300)
    assert basin(surface, path[-1]) == "saddle"


def test_double_well_refuses_bad_parameters_and_points():
    with pytest.raises(ValueError, match="two minima"):
        DoubleWell(tilt=2.0)
    with pytest.raises(ValueError, match="positive"):
        DoubleWell(h=-1.0)
    with pytest.raises(ValueError, match="2 coordinates"):
        DoubleWell()(np.zeros(3))


def test_descent_ends_where_the_start_decides():
    surface = DoubleWell()
    saddle = surface.stationary_points()["saddle"]
    for start, name in [((-0.5, 1.2), "left minimum"), ((0.6, 1.2), "right minimum"), ((saddle[0], 1.2), "saddle")]:
        path = descend(surface.grad, start, eta=0.05, steps=400)
        assert basin(surface, path[-1]) == name


# -- the heavy ball --------------------------------------------------------
def test_heavy_ball_without_momentum_is_plain_descent():
    bowl = QuadraticBowl((1.0, 10.0))
    np.testing.assert_allclose(
        heavy_ball(bowl.grad, (-2.0, 1.0), eta=0.15, beta=0.0, steps=25),
        descend(bowl.grad, (-2.0, 1.0), eta=0.15, steps=25),
    )


def test_heavy_ball_follows_its_two_step_recursion():
    # θ_{t+1} = θ_t − η h θ_t + β (θ_t − θ_{t−1}), with θ_{−1} = θ_0.
    h, eta, beta = np.array([1.0, 10.0]), 0.1, 0.6
    path = heavy_ball(lambda t: h * t, (-2.0, 1.0), eta, beta, steps=30)
    prev, theta = np.array([-2.0, 1.0]), np.array([-2.0, 1.0])
    for t in range(1, 31):
        prev, theta = theta, theta - eta * h * theta + beta * (theta - prev)
        np.testing.assert_allclose(path[t], theta, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.9])
def test_critical_rate_is_where_paths_stop_converging(beta):
    # Bisect on η with real paths; compare with 2(1 + β)/h_max.
    bowl = QuadraticBowl((1.0, 10.0))
    lo, hi = 0.01, 1.0
    for _ in range(30):
        mid = (lo + hi) / 2
        path = heavy_ball(bowl.grad, (1.0, 1.0), mid, beta, steps=3000)
        ok = len(path) == 3001 and np.linalg.norm(path[-1]) < 1.0
        lo, hi = (mid, hi) if ok else (lo, mid)
    assert lo == pytest.approx(heavy_ball_eta_critical(beta, bowl.h), rel=2e-3)


def test_rate_is_the_measured_decay_per_step():
    h = (1.0, 10.0)
    for eta, beta in [(0.05, 0.0), (0.15, 0.5), (0.2, 0.9), (0.23, 0.27)]:
        path = heavy_ball(lambda t: np.asarray(h) * t, (1.0, 1.0), eta, beta, steps=400)
        size = np.linalg.norm(path, axis=1)
        measured = (size[400] / size[200]) ** (1 / 200)
        assert measured == pytest.approx(heavy_ball_rate(eta, beta, h), rel=0.02)


def test_rate_without_momentum_is_the_largest_factor():
    for eta in (0.02, 0.1, 0.19, 0.21):
        assert heavy_ball_rate(eta, 0.0, (1.0, 10.0)) == pytest.approx(max(abs(1 - eta), abs(1 - 10 * eta)))


def test_rate_crosses_one_at_the_critical_rate():
    for beta in (0.0, 0.5, 0.9):
        crit = heavy_ball_eta_critical(beta, (1.0, 10.0))
        assert heavy_ball_rate(crit * 0.99, beta, (1.0, 10.0)) < 1
        assert heavy_ball_rate(crit * 1.01, beta, (1.0, 10.0)) > 1


def test_optimum_is_the_best_point_of_a_grid_search():
    h = (1.0, 10.0)
    best = heavy_ball_optimum(h)
    etas = np.linspace(0.01, 0.4, 79)
    betas = np.linspace(0.0, 0.95, 96)
    rates = np.array([[heavy_ball_rate(e, b, h) for b in betas] for e in etas])
    i, j = np.unravel_index(np.argmin(rates), rates.shape)
    # No grid point beats the closed form, and the grid's best is near it.
    assert rates.min() >= best["rate"] - 1e-9
    assert rates[i, j] == pytest.approx(best["rate"], abs=0.02)
    assert etas[i] == pytest.approx(best["eta"], abs=0.01)
    assert betas[j] == pytest.approx(best["beta"], abs=0.05)
    assert heavy_ball_rate(best["eta"], best["beta"], h) == pytest.approx(best["rate"], rel=1e-6)
    # Faster than the best plain rate (κ − 1)/(κ + 1) = 9/11.
    assert best["rate"] < 9 / 11
    assert heavy_ball_rate(2 / 11, 0.0, h) == pytest.approx(9 / 11)


@pytest.mark.parametrize(
    "bad,error",
    [
        (dict(beta=1.0), ValueError),
        (dict(beta=-0.1), ValueError),
        (dict(beta="0.5"), TypeError),
        (dict(eta=0.0), ValueError),
        (dict(steps=-1), ValueError),
        (dict(steps=2.5), TypeError),
        (dict(theta0=(np.nan, 0.0)), ValueError),
    ],
)
def test_heavy_ball_refuses_bad_input(bad, error):
    args = dict(grad=lambda t: t, theta0=(1.0, 1.0), eta=0.1, beta=0.5, steps=3)
    with pytest.raises(error):
        heavy_ball(**{**args, **bad})


def test_heavy_ball_stops_when_it_blows_up():
    path = heavy_ball(lambda t: 10 * t, (1.0,), eta=1.0, beta=0.5, steps=10_000)
    assert len(path) < 10_001 and np.all(np.isfinite(path))


def test_curvatures_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        heavy_ball_rate(0.1, 0.5, (1.0, -1.0))
    with pytest.raises(ValueError, match="positive"):
        heavy_ball_optimum((0.0, 1.0))


# -- noisy descent -------------------------------------------------------
def test_noise_free_descent_is_plain_descent():
    surface = DoubleWell()
    np.testing.assert_allclose(
        noisy_descend(surface.grad, (0.6, 1.2), 0.05, 50, noise=0.0), descend(surface.grad, (0.6, 1.2), 0.05, 50)
    )


def test_noisy_steps_are_seeded_and_unbiased():
    surface = DoubleWell()
    a = noisy_descend(surface.grad, (0.6, 1.2), 0.05, 20, 1.0, seed=3)
    b = noisy_descend(surface.grad, (0.6, 1.2), 0.05, 20, 1.0, seed=3)
    np.testing.assert_array_equal(a, b)
    # One step from a fixed point, averaged over many seeds: −η ∇C.
    steps = np.array([noisy_descend(surface.grad, (0.6, 1.2), 0.05, 1, 1.0, seed=k)[1] for k in range(4000)])
    expected = np.array([0.6, 1.2]) - 0.05 * surface.grad((0.6, 1.2))
    np.testing.assert_allclose(steps.mean(axis=0), expected, atol=0.003)


def test_noise_must_be_non_negative():
    with pytest.raises(ValueError, match="noise"):
        noisy_descend(lambda t: t, (1.0,), 0.1, 3, noise=-1.0)
    with pytest.raises(ValueError, match="runs"):
        endings(DoubleWell(), (0.6, 1.2), 0.05, 1.0, runs=0, steps=3)


def test_endings_without_noise_stay_in_the_starting_valley():
    surface = DoubleWell()
    counts = endings(surface, (0.6, 1.2), 0.05, 0.0, runs=10, steps=200)
    assert counts == {"left minimum": 0, "saddle": 0, "right minimum": 10}
    noisy = endings(surface, (0.6, 1.2), 0.05, 3.0, runs=200, steps=300, seed=0)
    assert sum(noisy.values()) == 200
    # Strong noise carries some runs over the pass into the deeper valley.
    assert noisy["left minimum"] > 0


# -- a network's cost as a surface -----------------------------------------
def test_gradient_vector_predicts_the_cost_of_a_small_move():
    from backprop import Network

    net = Network([2, 3, 2], seed=0)
    x, y = np.array([[0.5], [-0.4]]), np.array([[1.0], [0.0]])
    g = gradient_vector(net, x, y)
    assert g.shape == (net.n_params,)
    # Central differences along each parameter: the same vector.
    eps = 1e-6
    numeric = [
        (cost_moved(net, x, y, eps * e) - cost_moved(net, x, y, -eps * e)) / (2 * eps) for e in np.eye(net.n_params)
    ]
    np.testing.assert_allclose(g, numeric, rtol=1e-6, atol=1e-9)
    assert cost_moved(net, x, y, np.zeros(net.n_params)) == net.cost(x, y)
    with pytest.raises(ValueError, match="17"):
        cost_moved(net, x, y, np.zeros(3))


# -- the momentum widget ---------------------------------------------------
def test_momentum_widget_reports_the_exact_heavy_ball_regime():
    from backprop import widgets

    w = widgets.momentum_explorer(mode="live")
    for eta, beta, word in [
        (0.25, 0.5, "converges"),
        (0.31, 0.5, "diverges"),
        (0.3, 0.5, "oscillates forever"),
        (0.21, 0.0, "diverges"),
        (0.37, 0.9, "converges"),
    ]:
        w.set(eta=eta, beta=beta)
        assert f"it {word}" in w.refresh()
    with pytest.raises(ValueError, match="valid choices"):
        w.set(beta=0.3)


def test_momentum_widget_precomputes_every_static_state():
    from backprop import widgets
    from backprop.widgets.momentum import MOMENTUM_BETAS, MOMENTUM_STATIC_ETAS

    w = widgets.momentum_explorer(mode="static")
    assert len(w.states) == len(MOMENTUM_BETAS) * len(MOMENTUM_STATIC_ETAS)
    assert len(w.links) == 1 + len(MOMENTUM_STATIC_ETAS)
    for state, alt in zip(w.states, w.alts):
        edge = heavy_ball_eta_critical(state["beta"], (1.0, 10.0))
        assert ("diverges" in alt) == (state["eta"] > edge)
