"""backprop: a small, readable neural network whose code is the four backpropagation equations."""
