"""SymPy derivations of BP1–BP4 (backprop.symbolic): the equations hold, wrong forms are caught."""

import dataclasses

import numpy as np
import pytest
import sympy as sp

from backprop import symbolic as S
from backprop.symbolic.functions import sigmoid_numeric

SIZES = [(2, 3, 2), (3, 4, 2), (2, 2, 2, 2)]
EQUATIONS = [1, 2, 3, 4]


# ---------------------------------------------------------------------------------------------------------
# The four equations hold (algebraic proof), for every neuron and weight
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cost", S.COSTS)
@pytest.mark.parametrize("activation", ["generic", "sigmoid"])
@pytest.mark.parametrize("sizes", SIZES, ids=str)
@pytest.mark.parametrize("equation", EQUATIONS)
def test_equation_holds(equation, sizes, activation, cost):
    d = S.derive(equation, sizes, activation, cost)
    n = sizes
    expected_entries = {
        1: n[-1],
        2: sum(n[1:-1]),
        3: sum(n[1:]),
        4: sum(a * b for a, b in zip(n[1:], n[:-1])),
    }[equation]
    assert len(d.entries) == expected_entries  # every neuron / weight, none skipped
    assert d.skipped == []
    assert d.holds()
    assert d.status == {"proved": expected_entries}


def test_lhs_is_free_of_unnormalized_derivatives():
    """After normalize, g' appears only as g_prime(.), so expand decides equality on plain atoms."""
    d = S.derive(4, (3, 4, 2), "generic", "cross_entropy")
    for e in d.entries:
        assert not e.lhs.has(sp.Derivative) and not e.lhs.has(sp.Subs)
        assert e.lhs.has(S.g_prime)


def test_tanh_holds():
    for eq in EQUATIONS:
        assert S.derive(eq, (2, 3, 2), "tanh", "quadratic").holds()


def test_lists_are_indexed_like_forward():
    """``zs[i]``, ``W[i]``, ``B[i]``, ``Z[i]`` belong to layer i+1, as ``Forward.zs[i]`` and ``net.weights[i]``
    do; ``as_[l]`` and ``A[l]`` to layer l, as ``Forward.activations[l]``; the accessors take layer numbers."""
    from backprop import Network

    net, numeric = S.network((2, 3, 2)), Network([2, 3, 2], seed=0)
    fwd = numeric.forward(np.zeros((2, 1)))
    assert [len(z) for z in net.zs] == [len(z) for z in net.Z] == [z.shape[0] for z in fwd.zs] == [3, 2]
    assert [w.shape for w in net.W] == [w.shape for w in numeric.weights]
    assert [len(a) for a in net.as_] == [len(a) for a in net.A] == [a.shape[0] for a in fwd.activations]
    assert str(net.zs[0][0]) == "z1_1" and str(net.as_[1][0]) == "a1_1"
    assert net.z(1, 2) == net.Z[0][1] and net.w(2, 1, 3) == net.W[1][0, 2] and net.b(1, 3) == net.B[0][2]
    assert net.latex(net.z(2, 1)) == "z^{[2]}_{1}"


# ---------------------------------------------------------------------------------------------------------
# The derived left-hand sides are the true derivatives: finite differences of an independent NumPy cost
# ---------------------------------------------------------------------------------------------------------


def _np_cost(params, sizes, x, y, cost):
    """Independent forward pass (sigmoid) and cost, params in the order W1, b1, W2, b2, ..."""
    a = x
    i = 0
    for l in range(1, len(sizes)):
        W = params[i : i + sizes[l] * sizes[l - 1]].reshape(sizes[l], sizes[l - 1])
        i += W.size
        b = params[i : i + sizes[l]]
        i += sizes[l]
        a = 1 / (1 + np.exp(-(W @ a + b)))
    if cost == "quadratic":
        return 0.5 * np.sum((a - y) ** 2)
    return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))


@pytest.mark.parametrize("cost", S.COSTS)
def test_derived_gradients_match_finite_differences(cost):
    sizes = (2, 3, 2)
    net = S.network(sizes, "sigmoid", cost)
    rng = np.random.default_rng(3)
    x, y = rng.uniform(-1, 1, 2), rng.uniform(0.1, 0.9, 2)
    syms = []
    for w, b in zip(net.W, net.B):
        syms += list(w)  # row-major, as reshape above
        syms += list(b)
    params = rng.uniform(-1, 1, len(syms))
    subs = dict(zip(syms, params)) | dict(zip(net.x, x)) | dict(zip(net.y, y))
    d3, d4 = S.derive(3, sizes, "sigmoid", cost), S.derive(4, sizes, "sigmoid", cost)
    derived = {net.b(*k): e for k, e in d3.derived.items()} | {net.w(*k): e for k, e in d4.derived.items()}
    h = 1e-6
    for idx, s in enumerate(syms):
        up, dn = params.copy(), params.copy()
        up[idx] += h
        dn[idx] -= h
        fd = (_np_cost(up, sizes, x, y, cost) - _np_cost(dn, sizes, x, y, cost)) / (2 * h)
        val = float(derived[s].rewrite(sp.exp).evalf(subs=subs))
        assert val == pytest.approx(fd, rel=1e-6, abs=1e-9), s


# ---------------------------------------------------------------------------------------------------------
# Wrong closed forms are reported as not holding
# ---------------------------------------------------------------------------------------------------------

WRONG = [(1, "post_slip"), (2, "no_transpose"), (4, "post_slip")]


@pytest.mark.parametrize("cost", S.COSTS)
@pytest.mark.parametrize("activation", ["generic", "sigmoid"])
@pytest.mark.parametrize("sizes", SIZES, ids=str)
@pytest.mark.parametrize("equation,variant", WRONG)
def test_wrong_form_does_not_hold(equation, variant, sizes, activation, cost):
    d = S.derive(equation, sizes, activation, cost, variant=variant)
    assert not d.holds()
    assert d.status.get("refuted", 0) >= 1
    assert "undecided" not in d.status


@pytest.mark.parametrize("activation", ["generic", "sigmoid"])
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_cost_derivative_without_half_does_not_hold(sizes, activation):
    d = S.derive(1, sizes, activation, "quadratic", variant="no_half")
    assert not d.holds()
    assert d.status == {"refuted": sizes[-1]}  # wrong for every output neuron


def test_bp4_wrong_index_is_wrong_exactly_off_the_diagonal():
    """a_j^[l-1] e_j^[l] equals a_k^[l-1] e_j^[l] iff j == k, so exactly the j != k entries fail."""
    d = S.derive(4, (3, 4, 2), variant="post_slip").check()
    for e in d.entries:
        l, j, k = e.key
        assert e.status == ("proved" if j == k else "refuted"), e.key
    # a_j^[l-1] does not exist when j > n_{l-1}: those weights are skipped, not compared
    assert d.skipped == [(l, j, k) for (l, j, k) in S.SPECS[4].keys(d.net) if j > d.net.sizes[l - 1]]


def test_bp2_without_transpose_on_square_layers():
    d = S.derive(2, (2, 2, 2, 2), variant="no_transpose").check()
    assert d.skipped == []
    assert all(e.status == "refuted" for e in d.entries)  # w_jk != w_kj once any k != j contributes


def test_post_slip_in_bp1_uses_hidden_layer():
    d = S.derive(1, (2, 3, 2), variant="post_slip")
    net = d.net
    # the wrong closed form contains g'(z_j^[1]) with z_j^[1] a first-layer input, the right one does not
    assert d.entries[0].rhs.has(S.g_prime(net.z(1, 1)))
    assert not S.derive(1, (2, 3, 2)).entries[0].rhs.has(S.g_prime(net.z(1, 1)))


def test_custom_closed_forms():
    # a zero closed form is not BP3
    assert not S.derive(3, closed_form=lambda net, l, j: 0).holds()
    # sigmoid output with cross-entropy: the g' cancels and e^[L] = a^[L] - y (a known identity)
    ce = S.derive(1, (2, 3, 2), "sigmoid", "cross_entropy", closed_form=lambda net, l, j: net.a(l, j) - net.y[j - 1])
    assert ce.holds()
    # ... which is not true for the quadratic cost
    q = S.derive(1, (2, 3, 2), "sigmoid", "quadratic", closed_form=lambda net, l, j: net.a(l, j) - net.y[j - 1])
    assert not q.holds()

    # BP2 stated through the matrix product (w^[l+1])^T e^[l+1], elementwise times g'(z^[l])
    def matrix_form(net, l, j):
        e_next = sp.Matrix([net.e(l + 1, k) for k in range(1, net.sizes[l + 1] + 1)])
        return (net.W[l].T * e_next)[j - 1] * net.g_prime(l, j)  # W[l] is w^[l+1]

    assert S.derive(2, (3, 4, 2), closed_form=matrix_form).holds()


# ---------------------------------------------------------------------------------------------------------
# Input validation
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("equation", [0, 5, "1", True, 1.0])
def test_bad_equation(equation):
    with pytest.raises(ValueError, match=r"equation \(BP1–BP4\) must be an integer in 1\.\.4"):
        S.derive(equation)


@pytest.mark.parametrize("sizes", [(), (3,), (2, 0, 2), (2, 2.5, 2), "232", None])
def test_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes"):
        S.derive(1, sizes)


def test_bad_names_list_valid_ones():
    with pytest.raises(ValueError, match="'generic'.*'sigmoid'.*'tanh'"):
        S.derive(1, activation="relu")
    with pytest.raises(ValueError, match="'quadratic'.*'cross_entropy'"):
        S.derive(1, cost_function="hinge")
    with pytest.raises(ValueError, match="'correct'.*'no_transpose'"):
        S.derive(2, variant="nope")
    with pytest.raises(ValueError, match="quadratic"):
        S.derive(1, cost_function="cross_entropy", variant="no_half")
    with pytest.raises(ValueError, match="hidden layer"):
        S.derive(2, (2, 2))
    with pytest.raises(TypeError, match=r"closed_form, f\(net, \*key\), must be a function"):
        S.derive(3, closed_form="e")


# ---------------------------------------------------------------------------------------------------------
# LaTeX for the book
# ---------------------------------------------------------------------------------------------------------


def test_latex_shows_labelled_entries_and_verdict():
    d = S.derive(4, (2, 3, 2))
    tex = d._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$")
    assert r"\frac{\partial c_x}{\partial w^{[1]}_{11}}" in tex  # first entry
    assert r"\frac{\partial c_x}{\partial w^{[2]}_{23}}" in tex  # last entry
    assert r"a^{[1]}_{3}\, e^{[2]}_{2}" in tex  # BP4's closed form for w_23^[2]
    assert tex.count(r"\checkmark") == 3 and r"\times" not in tex
    assert "Derivative" not in tex and "Subs" not in tex and r"\xi" not in tex
    wrong = S.derive(4, (2, 3, 2), variant="post_slip").latex(max_entries=12)
    assert r"\times" in wrong and r"\neq" in wrong


# ---------------------------------------------------------------------------------------------------------
# Symbolic layer widths
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("equation", EQUATIONS)
def test_indexed_derivations_hold(equation):
    d = S.indexed_derivation(equation)
    assert d.holds()
    # the Kronecker deltas and the range conditions were resolved
    assert not d.derived.has(sp.KroneckerDelta) and not d.derived.has(sp.Piecewise)
    assert all(isinstance(t, str) and isinstance(x, str) for t, x in d.steps)
    assert d.latex().count(r"\checkmark") == 1


def test_indexed_bp2_has_the_transpose():
    d = S.bp2_indexed()
    W = sp.IndexedBase("w^{[l+1]}")
    k, j = sp.symbols("k j", integer=True, positive=True)
    assert d.derived.has(W[k, j]) and not d.derived.has(W[j, k])
    wrong = dataclasses.replace(d, closed_form=d.closed_form.xreplace({W[k, j]: W[j, k]}))
    assert not wrong.holds()


def test_indexed_bp4_wrong_index_fails():
    d = S.bp4_indexed()
    A = sp.IndexedBase("a^{[l-1]}")
    k, j = sp.symbols("k j", integer=True, positive=True)
    assert d.derived.has(A[k])
    assert not dataclasses.replace(d, closed_form=d.closed_form.xreplace({A[k]: A[j]})).holds()
    assert S.bp1_indexed().holds() and S.bp3_indexed().holds()


# ---------------------------------------------------------------------------------------------------------
# Chain-rule steps
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("equation", EQUATIONS)
def test_chain_rule_steps(equation):
    step = S.chain_rule_step(equation)
    assert step.holds()
    assert step.lines and all(isinstance(s, str) for s in step.lines)
    assert "Subs" not in step.latex() and r"\xi" not in step.latex()


@pytest.mark.parametrize("equation", [3, 4])
def test_chain_rule_steps_sum_over_their_own_index(equation):
    # BP4's free indices are j and k (w_jk): the sum in z_j must not run over k too
    latex = S.chain_rule_step(equation).latex()
    assert r"\sum_p w^{[l]}_{jp} a^{[l-1]}_p" in latex
    assert r"\sum_k" not in latex


def test_chain_rule_bp2_sums_over_next_layer():
    step = S.chain_rule_step(2, n_next=3)
    assert step.holds()
    assert len(sp.Add.make_args(sp.expand(step.computed))) == 3  # one term per neuron of layer l+1
    assert r"\sum_{k=1}^{3}" in step.latex()
    with pytest.raises(ValueError):
        S.chain_rule_step(5)


# ---------------------------------------------------------------------------------------------------------
# Activation derivatives agree with the package's
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_activation_derivative_matches_package(name):
    activations = pytest.importorskip("backprop.activations", reason="backprop.activations not written yet")
    act = activations.get_activation(name)
    ad = S.activation_derivative(name)
    assert ad.holds()
    z = np.linspace(-6, 6, 101).reshape(1, -1)
    np.testing.assert_allclose(ad.fn(z), act.fn(z), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ad.prime(z), act.prime(z), rtol=1e-9, atol=1e-15)


def test_activation_derivative_closed_forms():
    sig = S.activation_derivative("sigmoid")
    z = sig.z
    # σ' = σ(1-σ) decided algebraically, and the rule Sigmoid uses agrees with SymPy's own derivative
    assert sp.cancel(sig.derivative - sig.expr * (1 - sig.expr)) == 0
    assert sp.cancel(sp.diff(S.Sigmoid(z), z).rewrite(sp.exp) - sig.derivative) == 0
    with pytest.raises(ValueError, match="'sigmoid'.*'tanh'"):
        S.activation_derivative("relu")


def _at_numbers(derivation, network, x, y) -> dict:
    """Each entry's derived left-hand side at the numbers of a numeric ``network`` (one activation, which
    stands for the generic ``g``) and one example ``x``, ``y``: ``key -> float``."""
    s, act = derivation.net, network.activation
    values = dict(zip(s.x, x)) | dict(zip(s.y, y))
    for l in range(1, s.L + 1):
        values |= dict(zip(s.W[l - 1], network.w(l).ravel())) | dict(zip(s.B[l - 1], network.b(l).ravel()))
    modules = [{"g": act.fn, "g_prime": act.prime, "Sigmoid": sigmoid_numeric}, "numpy"]
    symbols = list(values)
    numbers = [values[v] for v in symbols]
    return {e.key: float(sp.lambdify(symbols, e.lhs, modules=modules)(*numbers)) for e in derivation.entries}


def test_derived_at_numbers_matches_backprop():
    """SymPy's derived left-hand sides, at a numeric network's numbers, equal the package's errors/gradients."""
    import numpy as np
    from backprop import Network

    net = Network([2, 3, 2], activation="sigmoid", seed=0)
    x, y = np.array([0.5, 0.4]), np.array([1.0, 0.0])
    bw = net.backward(x, y)
    for eq in (1, 2, 3):
        for (l, j), value in _at_numbers(S.derive(eq), net, x, y).items():
            assert value == pytest.approx(bw.e(l)[j - 1, 0], rel=1e-12, abs=1e-15)
    for (l, j, k), value in _at_numbers(S.derive(4), net, x, y).items():
        assert value == pytest.approx(bw.nabla_w[l - 1][j - 1, k - 1], rel=1e-12, abs=1e-15)


def test_bp1_indexed_concludes_with_the_equation_not_a_repeat_of_its_last_step():
    d = S.bp1_indexed()
    rows = d.latex().split(r"\\")
    assert r"e^{[L]}_j = \frac{\partial c_x}{\partial a^{[L]}_j}\, g'(z^{[L]}_j) = " in rows[-1]
    assert d.holds()


def test_equation_spec_is_a_function_and_spec_the_module():
    """``S.equation_spec`` gives an equation's specification; ``S.spec`` is the module that
    defines its type (a function of that name no longer shadows it), and the symbolic network's module is
    not a second ``network.py``."""
    import types
    from pathlib import Path

    import backprop
    from backprop.symbolic.spec import EquationSpec

    assert isinstance(S.equation_spec(2), EquationSpec) and S.equation_spec(2).name
    assert isinstance(S.spec, types.ModuleType)
    with pytest.raises(ValueError, match=r"equation \(BP1–BP4\) must be an integer in 1\.\.4"):
        S.equation_spec(5)
    assert S.network((2, 2), "sigmoid").sizes == (2, 2)
    root = Path(backprop.__file__).parent
    assert [p.relative_to(root).as_posix() for p in root.rglob("network.py")] == ["network.py"]
