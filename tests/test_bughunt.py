"""The bug hunt's table: which layer is wrong first, shown with numbers that hold on every processor."""

import numpy as np
import pytest

from backprop import Network
from backprop.bughunt import buggy_backprop, errors_by_layer, hunt_table, shown_error
from backprop.gradcheck import TOLERANCE


@pytest.fixture(scope="module")
def square():
    rng = np.random.default_rng(0)
    return Network([2, 2, 2], seed=0), rng.uniform(-1, 1, (2, 4)), rng.uniform(0, 1, (2, 4))


def test_shown_error_hides_rounding_level_digits():
    assert shown_error(1.6e-10) == shown_error(4e-11) == "below 1e-07"
    assert shown_error(0.327) == "3e-01"
    assert shown_error(TOLERANCE) == "1e-07"


def test_errors_by_layer_finds_where_the_bug_enters(square):
    net, X, Y = square
    right = errors_by_layer(net, X, Y)
    assert [l for l, *_ in right] == [1, 2] and all(max(w, b) < TOLERANCE for _, w, b in right)
    # BP2 without the transpose: layer 2 (from BP1) right, layer 1 wrong
    (_, w1, b1), (_, w2, b2) = errors_by_layer(net, X, Y, buggy_backprop("bp2_no_transpose"))
    assert max(w2, b2) < TOLERANCE and min(w1, b1) > 0.1
    # BP1 at the wrong layer: already the output layer is wrong, in the bias (= e^[L]) too
    (_, w1, b1), (_, w2, b2) = errors_by_layer(net, X, Y, buggy_backprop("bp1_wrong_layer"))
    assert min(w2, b2) > 0.1 and min(w1, b1) > 0.1


def test_hunt_table_is_the_same_when_the_inputs_move_by_an_ulp(square):
    # what another processor does to the last bits: the table must not change
    net, X, Y = square
    suspects = {"a": buggy_backprop("bp1_wrong_layer"), "b": buggy_backprop("bp2_no_transpose"), "ok": None}
    table = hunt_table(net, X, Y, suspects)
    text = table._repr_markdown_()
    assert "below 1e-07" in text and "e-1" not in text
    assert [r[-1] for r in table.rows] == [False, False, False, True, True, True]
    moved = hunt_table(net, np.nextafter(X, np.inf), np.nextafter(Y, -np.inf), suspects)
    assert moved._repr_markdown_() == text


def test_a_bug_that_reads_a_hidden_layer_does_not_run_without_one():
    """bp1_wrong_layer reads z^[L-1]: on a network with no hidden layer ([1, 1], [2, 2]) it cannot run,
    so runs_on says so, buggy_backward says why, and the self-check's slips leave it out."""
    from backprop.bughunt import CATALOGUE, buggy_backward, runs_on
    from backprop.selfcheck import backprop_number

    X, Y = np.array([[0.5]]), np.array([[1.0]])
    for sizes in ([1, 1], [2, 2]):
        net = Network(sizes, seed=0)
        Xs, Ys = np.full((sizes[0], 1), 0.5), np.full((sizes[-1], 1), 1.0)
        assert not runs_on(net, "bp1_wrong_layer")
        with pytest.raises(ValueError, match="needs a network with a hidden layer"):
            buggy_backward(net, Xs, Ys, "bp1_wrong_layer")
        for name in CATALOGUE:  # every bug runs_on allows does run
            if runs_on(net, name):
                buggy_backward(net, Xs, Ys, name)
    assert runs_on(Network([1, 1, 1], seed=0), "bp1_wrong_layer")
    question = backprop_number("e_1^[1]?", Network([1, 1], seed=0), X, Y, "e", 1, 1)
    assert question.answer == pytest.approx(Network([1, 1], seed=0).backward(X, Y).e(1)[0, 0])
