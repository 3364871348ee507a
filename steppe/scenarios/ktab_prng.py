"""KTAB's pseudo-random numbers, to replay its Stochastic SMP runs from a logged seed.

KTAB's ``KBase::PRNG`` (``kutils/libsrc/prng.cpp``, ``kutils.h``; MIT licence) draws a 64-bit
word ``n`` from C++ ``std::mt19937_64`` seeded with the logged seed, scrambles it with
``qTrans(n) = (n + Q)(2n + 3) mod 2^64`` (``Q = 0xE08C1D668B756F83``) and returns
``qTrans(n) / (2^64 - 1)`` as a uniform number. ``PRNG::probSel`` picks the first option whose
cumulative probability reaches that number. MT19937-64 is written here from its published
definition (Matsumoto & Nishimura 1998; Nishimura 2000; the constants of C++11
[rand.predef]).

>>> g = KtabPRNG(5489)
>>> [g.next_u64() for _ in range(10000)][-1]  # C++11 [rand.predef]: 10000th draw
9981545732273789042
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_MASK = (1 << 64) - 1
_N, _M = 312, 156
_A = 0xB5026F5AA96619E9
_UPPER, _LOWER = 0xFFFFFFFF80000000, 0x7FFFFFFF
_Q64C = 0xE08C1D668B756F83


class KtabPRNG:
    """``std::mt19937_64`` plus KTAB's ``qTrans``; ``random(shape)`` fills in C order."""

    def __init__(self, seed: int) -> None:
        mt = [seed & _MASK]
        for i in range(1, _N):
            mt.append((6364136223846793005 * (mt[-1] ^ (mt[-1] >> 62)) + i) & _MASK)
        self._mt = mt
        self._i = _N

    def _twist(self) -> None:
        mt = self._mt
        for i in range(_N):
            x = (mt[i] & _UPPER) | (mt[(i + 1) % _N] & _LOWER)
            xa = x >> 1
            if x & 1:
                xa ^= _A
            mt[i] = mt[(i + _M) % _N] ^ xa
        self._i = 0

    def next_u64(self) -> int:
        """The next raw ``mt19937_64`` output."""
        if self._i >= _N:
            self._twist()
        y = self._mt[self._i]
        self._i += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & _MASK

    def uniform(self) -> float:
        """KTAB's ``PRNG::uniform(0, 1)``."""
        n = self.next_u64()
        q = ((n + _Q64C) * (2 * n + 3)) & _MASK
        return float(q) / float(_MASK)

    def random(self, shape: tuple[int, ...]) -> NDArray[np.float64]:
        """Uniform numbers in C order (for one run: actor 0, 1, ... as KTAB's ``doBCN``)."""
        out = np.empty(shape)
        flat = out.reshape(-1)
        for i in range(flat.size):
            flat[i] = self.uniform()
        return out
