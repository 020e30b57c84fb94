#!/usr/bin/env python3
# make-synthetic.py: writes synthetic.csv, a noisy straight line, the same bytes every time
# SPDX-License-Identifier: GPL-3.0-or-later
#
# y = 3 + 0.5 x + e, x uniform on [0, 20), e normal with standard deviation 1.5; seed 20261203.

import random
import sys

rng = random.Random(20261203)
path = sys.argv[1] if len(sys.argv) > 1 else "synthetic.csv"
with open(path, "w", encoding="utf-8", newline="\n") as out:
    out.write("x,y\n")
    for _ in range(200):
        x = rng.uniform(0, 20)
        y = 3 + 0.5 * x + rng.gauss(0, 1.5)
        out.write(f"{x:.4f},{y:.4f}\n")
