"""The words for a network diagram: its alt text, rebuilt from the diagram's state after every setter."""

from __future__ import annotations

from .style import BLUE, GREEN, INK, ORANGE, PURPLE, RED

__all__ = ["RUNNING_EXAMPLE_ALT", "describe_diagram"]

_COLOR_NAMES = {RED: "red", BLUE: "blue", ORANGE: "orange", GREEN: "green", PURPLE: "purple", INK: "black"}

RUNNING_EXAMPLE_ALT = (
    "Diagram of the running example, a 2-layer network: layer 0 (input) with 2 neurons, layer 1 (hidden) "
    "with 3 neurons and layer 2 (output, L = 2) with 2 neurons. Every neuron of a layer is joined by a "
    "line to every neuron of the next layer; the lines into layer l are the weights w^[l]_jk, to neuron j "
    "of layer l from neuron k of layer l-1."
)


def _nums(v, digits=2):
    return "(" + ", ".join(f"{x:.{digits}f}" for x in v) + ")"


def describe_diagram(self) -> str:
    """The alt text of a network diagram in its current state: what a screen reader hears instead of
    the picture (the sizes, the values written under the neurons, the targets, the coloured lines)."""
    sizes, L = self.sizes, self.L
    if sizes == (2, 3, 2):
        parts = [RUNNING_EXAMPLE_ALT]
    else:
        parts = [
            f"Diagram of a fully connected network with layer sizes {list(sizes)}: layer 0 is the input, "
            f"layer {L} = L the output; every neuron is joined by a line to every neuron of the next "
            f"layer."
        ]
    if self.values is not None:
        rows = []
        for l, (z, a) in self.values.items():
            bits = []
            if "z" in self.show and z is not None:
                bits.append(f"z = {_nums(z)}")
            if "a" in self.show:
                bits.append(f"a = {_nums(a)}")
            rows.append(f"layer {l}: " + ", ".join(bits))
        what = " and ".join({"z": "weighted inputs z", "a": "activations a"}[s] for s in self.show)
        parts.append(f"Written under the neurons, their {what}, neuron 1 first: " + "; ".join(rows) + ".")
    if self.targets is not None:
        parts.append(f"Right of the output layer, the targets y = {_nums(self.targets)}.")
    if self.edge_styles:
        for color in dict.fromkeys(self.edge_styles.values()):
            ws = [f"w^[{l}]_{j}{k}" for (l, j, k), c in self.edge_styles.items() if c == color]
            parts.append(
                f"The line{'s' if len(ws) > 1 else ''} of {', '.join(ws)} "
                f"{'are' if len(ws) > 1 else 'is'} drawn thick in {_COLOR_NAMES.get(color, color)}."
            )
    if self.highlight is not None:
        l, j, k = self.highlight
        value = "" if self.highlight_value is None else f" = {self.highlight_value:.2f}"
        parts.append(
            f"The weight w^[{l}]_{j}{k}{value} is highlighted in red: the line to neuron {j} of "
            f"layer {l} from neuron {k} of layer {l - 1}, both neurons ringed."
        )
    if self.errors:
        layers = list(self.errors)
        errs = "; ".join(f"e^[{l}] = {_nums(self.errors[l], 3)}" for l in layers)
        parts.append(
            f"Neurons of layer{'s' if len(layers) > 1 else ''} {', '.join(map(str, layers))} are "
            f"coloured by their error (red positive, blue negative, stronger for larger size) with "
            f"the error written under them: {errs}."
        )
    if self.gradients is not None:
        parts.append(
            "Every weight line is coloured by its gradient dc/dw (red positive, blue negative), "
            "thicker for a larger gradient."
        )
    return " ".join(parts)
