# bench-matplotlib.py: the peer of bench-render, drawing the same three-panel figure
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-matplotlib.py POINTS FRAMES FOLDER
# Builds the figure once (scatter and line, filled contours with lines and the path, the
# loss on a log scale), then per frame moves the line, the path and the history on and
# saves a 1600x900 PNG, the way an animation is exported. Prints the median seconds per
# frame last.

import os
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

points, frames, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(1)
x = rng.normal(50, 15, points)
y = 3 + 0.8 * x + rng.normal(0, 8, points)

# The loss from the moments, as Descent computes it.
mx, my, vx = x.mean(), y.mean(), x.var()
cxy = ((x - mx) * (y - my)).mean()
vy = y.var()
t1s = cxy / vx
t0s = my - t1s * mx


def loss(t0, t1):
    r = t0 + t1 * mx - my
    return 0.5 * (r * r + t1 * t1 * vx - 2 * t1 * cxy + vy)


alpha, steps = 0.0005, 1000
path = np.zeros((steps + 1, 2))
for k in range(steps):
    t0, t1 = path[k]
    r = t0 + t1 * mx - my
    path[k + 1] = (t0 - alpha * r, t1 - alpha * (mx * r + t1 * vx - cxy))
losses = loss(path[:, 0], path[:, 1])

fig, (data, contour, history) = plt.subplots(1, 3, figsize=(16, 9), dpi=100)
data.scatter(x, y, s=1)
(line,) = data.plot([x.min(), x.max()], [0, 0], color="red")
g0, g1 = np.meshgrid(np.linspace(-2, 8, 200), np.linspace(-0.2, 1.8, 200))
field = loss(g0, g1)
levels = np.sort(loss(t0s, t1s) + (field.max() - loss(t0s, t1s)) * 0.6 ** np.arange(1, 21))
contour.contourf(g0, g1, field, levels=np.append(levels, field.max()))
contour.contour(g0, g1, field, levels=levels, linewidths=0.8)
(trail,) = contour.plot([], [], "o-", color="red", markersize=3)
arrow = contour.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="->"))
(curve,) = history.semilogy([], [])
history.set_xlim(0, steps)
history.set_ylim(losses.min() * 0.8, losses.max() * 1.2)

times = []
for i in range(frames):
    k = i * steps // max(frames - 1, 1)
    start = time.perf_counter()
    t0, t1 = path[k]
    line.set_ydata([t0 + t1 * x.min(), t0 + t1 * x.max()])
    trail.set_data(path[: k + 1, 0], path[: k + 1, 1])
    curve.set_data(np.arange(k + 1), losses[: k + 1])
    arrow.xy = (t0, t1 + 0.1)
    arrow.set_position((t0, t1))
    fig.suptitle(f"step {k} / {steps}")
    fig.savefig(os.path.join(folder, f"frame-{i + 1:05d}.png"))
    times.append(time.perf_counter() - start)

print(statistics.median(times))
