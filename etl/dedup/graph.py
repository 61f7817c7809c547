"""Connected components of the verified-edge graph, vectorised.

Each node ends labelled with the lowest node number of its component. Because the label is a
property of the edge set alone, the result cannot depend on the order edges were found in.
"""

from __future__ import annotations

import numpy as np


def component_minimum(num_nodes: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Label of every node: the smallest node number connected to it by edges (a[i], b[i])."""
    labels = np.arange(num_nodes, dtype=np.int64)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    if a.size == 0:
        return labels
    while True:
        # Hook: every endpoint and its current root take the smaller label across the edge.
        low = np.minimum(labels[a], labels[b])
        hooked = labels.copy()
        for ends in (a, b, labels[a], labels[b]):
            np.minimum.at(hooked, ends, low)
        # Shortcut: follow labels to their roots (pointer jumping).
        while True:
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, labels):
            return labels
        labels = hooked
