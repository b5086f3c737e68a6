"""Every extreme Nash equilibrium of a numeric two-player game, exactly.

Conventions
-----------
* A bimatrix game is a pair of ``m x n`` payoff matrices: ``A`` for the row
  player (player 1, strategies ``0..m-1``) and ``B`` for the column player
  (player 2, strategies ``0..n-1``). Entry ``[i][j]`` is the payoff when row
  ``i`` meets column ``j``. Both players maximise.
* Entries are exact numbers: ``int``, :class:`fractions.Fraction`, a sympy
  ``Rational``/``Integer`` or any :class:`numbers.Rational`; a Python or numpy
  ``float`` is read as the decimal it prints as (``0.1`` is ``1/10``, never
  ``3602879701896397/36028797018963968``). Symbolic entries are refused.
* A mixed strategy is a tuple of :class:`fractions.Fraction` summing to one.
  Results hold no floats, and the arithmetic that finds them holds none either.

Algorithm
---------
The equilibria are the *complementary vertex pairs* of the two best-response
polytopes (Mangasarian 1964; von Stengel 2007, Algorithm 3.5 of
Nisan et al., *Algorithmic Game Theory*, ch. 3; Avis, Rosenberg, Savani and
von Stengel 2010, *Economic Theory* 42:9-37)::

    P = {x in R^m : x >= 0,  B' x <= 1}      labels: x_i = 0 -> i,  (B'x)_j = 1 -> m+j
    Q = {y in R^n : A y <= 1,  y >= 0}       labels: (Ay)_i = 1 -> i,  y_j = 0 -> m+j

after ``A`` and ``B`` are scaled to integers and shifted to be positive (neither
changes a best response). A pair of vertices ``(x, y) != (0, 0)`` whose label
sets together cover all ``m + n`` labels, normalised to ``(x/sum x, y/sum y)``,
is an *extreme equilibrium*; these are exactly the pairs that Gambit's
``enummixed`` reports, degenerate games included.

The vertices of each polytope are enumerated by a graph search over the
*lexicographically feasible* bases of its dictionary ``C z + s = 1``, in exact
integer arithmetic (fraction-free Gauss-Jordan pivoting, Edmonds 1967, as in
``lrs``: Avis 2000). Why no vertex can be missed, with no float anywhere:

1. A lexicographically feasible basis is a vertex of the perturbed polytope
   ``C z <= 1 + (eps, eps^2, ..., eps^k)`` for every small ``eps > 0``. That
   polytope is simple and bounded (``C > 0``), its vertices are exactly the
   lex-feasible bases, and its edges are exactly the pivots chosen by the
   lexicographic minimum-ratio test (unique for each entering variable).
   Its vertex-edge graph is connected (Balinski 1961), so the search from the
   slack basis (the origin) reaches every lex-feasible basis.
2. Every vertex ``v`` of the unperturbed polytope is the basic solution of some
   lex-feasible basis: pick an objective that ``v`` alone maximises; the
   lexicographic simplex method reaches an optimal lex-feasible basis from the
   slack basis, and its basic solution is optimal, hence ``v``.
3. Labels are read from the exact point (every tight constraint counts,
   basic or not), so degenerate vertices, ties in payoffs, duplicate rows or
   columns and constant games are handled with no special case.
4. A complementary pair of non-degenerate vertices has disjoint label sets
   that are exact complements, found by a dictionary look-up; every pair that
   involves a degenerate vertex (more labels than its dimension) is checked
   against all vertices of the other polytope.
5. Every pair is then verified to have zero regret in exact integer
   arithmetic before it is reported; a failure raises, it is never shown.

The exact search is also the fast one: the perturbed polytopes have about as
many vertices as the originals, and each vertex costs one integer pivot.

Connected components and maximal Nash subsets (cliques) follow Gambit's
``enummixed`` clique step (Avis et al. 2010, section 5): the extreme
equilibria are the edges of a bipartite graph between the row vertices and
the column vertices; its maximal complete bipartite subgraphs are the maximal
Nash subsets (each is a product of two polytopes of equilibria), and its
connected components are the components of the equilibrium set.

References
----------
.. [Mangasarian1964] O. L. Mangasarian, "Equilibrium points of bimatrix games",
   J. SIAM 12 (1964) 778-780.
.. [vonStengel2007] B. von Stengel, "Equilibrium computation for two-player
   games in strategic and extensive form", ch. 3 of N. Nisan et al. (eds.),
   Algorithmic Game Theory, Cambridge University Press, 2007.
.. [Avis2010] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration
   of Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37.
.. [Avis2000] D. Avis, "lrs: a revised implementation of the reverse search
   vertex enumeration algorithm", in Polytopes - Combinatorics and
   Computation, Birkhaeuser, 2000, 177-198.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction

from ..errors import AnalysisError, UnsupportedError, UsageError
from ..limits import check

__all__ = [
    "BimatrixEquilibrium",
    "BimatrixResult",
    "extreme_equilibria",
    "regret",
    "is_equilibrium",
]

METHOD = "vertex enumeration, lexicographic pivoting in exact integer arithmetic"


@dataclass(frozen=True)
class BimatrixEquilibrium:
    """One extreme Nash equilibrium of a bimatrix game.

    Attributes
    ----------
    row, col : tuple of Fraction
        Mixed strategies of the row and the column player.
    component : int
        0-based index of the connected component of the equilibrium set that
        holds this equilibrium (see :attr:`BimatrixResult.components`).
    """

    row: tuple[Fraction, ...]
    col: tuple[Fraction, ...]
    component: int


@dataclass(frozen=True)
class BimatrixResult:
    """Every extreme equilibrium of a bimatrix game, with its structure.

    Attributes
    ----------
    equilibria : tuple of BimatrixEquilibrium
        Every extreme equilibrium, sorted lexicographically by ``(row, col)``.
    components : tuple of tuple of int
        Indices into ``equilibria``, one tuple per connected component, ordered
        by their smallest index. A game with a unique equilibrium in each
        component (every non-degenerate game) has singleton components.
    cliques : tuple of (tuple of int, tuple of int)
        The maximal Nash subsets ``(rows, cols)``: ``rows`` indexes
        ``row_vertices`` and ``cols`` indexes ``col_vertices``; every pair of a
        row vertex and a column vertex of one clique is an extreme equilibrium,
        and every convex combination of them is an equilibrium. Sorted.
    method : str
        How the equilibria were computed.
    degenerate : bool
        ``True`` if some mixed strategy with ``k`` pure strategies in its
        support has more than ``k`` pure best responses (von Stengel 2007,
        Def. 3.2); then components may hold more than one equilibrium.
    row_vertices, col_vertices : tuple of tuple of Fraction
        The distinct row (column) strategies that occur in ``equilibria``,
        sorted; the vertices of the cliques.
    """

    equilibria: tuple[BimatrixEquilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    cliques: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    method: str
    degenerate: bool
    row_vertices: tuple[tuple[Fraction, ...], ...] = ()
    col_vertices: tuple[tuple[Fraction, ...], ...] = ()


# ----------------------------------------------------------------------------
# Exact input
# ----------------------------------------------------------------------------


def _exact(value, where: str) -> Fraction:
    """Turn one payoff or probability into a :class:`Fraction`, or refuse it."""
    if isinstance(value, bool):
        raise UnsupportedError(f"{where} is a boolean ({value!r}); expected an exact number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if getattr(value, "is_Rational", False):  # sympy Integer / Rational
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, numbers.Integral):  # numpy integers
        return Fraction(int(value))
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):  # float, numpy floating, sympy Float
        as_float = float(value)
        if not math.isfinite(as_float):
            raise UnsupportedError(f"{where} is {as_float!r}; expected a finite exact number")
        return Fraction(repr(as_float))
    raise UnsupportedError(
        f"{where} = {value!r} is not an exact number; substitute values for every parameter first"
    )


def _matrix(M, name: str) -> list[list[Fraction]]:
    """Read a matrix (nested sequences, numpy array, sympy matrix) as Fractions."""
    rows = M.tolist() if hasattr(M, "tolist") else M
    try:
        rows = [list(r) for r in rows]
    except TypeError as exc:
        raise UsageError(f"{name} must be a matrix (a sequence of rows), got {type(M).__name__}") from exc
    if not rows or not rows[0]:
        raise UsageError(f"{name} must have at least one row and one column, got shape {len(rows)}x0")
    width = len(rows[0])
    for i, r in enumerate(rows):
        if len(r) != width:
            raise UsageError(f"{name} is ragged: row 0 has {width} entries, row {i} has {len(r)}")
    return [[_exact(v, f"{name}[{i}][{j}]") for j, v in enumerate(r)] for i, r in enumerate(rows)]


def _game(A, B) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    FA, FB = _matrix(A, "A"), _matrix(B, "B")
    if (len(FA), len(FA[0])) != (len(FB), len(FB[0])):
        raise UsageError(
            f"A and B must have the same shape, got {len(FA)}x{len(FA[0])} and {len(FB)}x{len(FB[0])}"
        )
    return FA, FB


def _integer_matrix(F: list[list[Fraction]]) -> list[list[int]]:
    """Scale by the lcm of the denominators: same best responses, integer entries."""
    den = 1
    for r in F:
        for v in r:
            den = den * v.denominator // math.gcd(den, v.denominator)
    return [[int(v * den) for v in r] for r in F]


def _positive(M: list[list[int]]) -> list[list[int]]:
    """Shift so that the smallest entry is 1 (keeps best responses; bounds the polytope)."""
    low = min(min(r) for r in M)
    return [[v - low + 1 for v in r] for r in M]


def _distribution(p, size: int, name: str) -> list[Fraction]:
    try:
        values = list(p)
    except TypeError as exc:
        raise UsageError(f"{name} must be a sequence of {size} probabilities") from exc
    if len(values) != size:
        raise UsageError(f"{name} must have {size} probabilities, got {len(values)}")
    out = [_exact(v, f"{name}[{i}]") for i, v in enumerate(values)]
    if any(v < 0 for v in out) or sum(out) != 1:
        raise UsageError(f"{name} must be nonnegative and sum to 1, got {[str(v) for v in out]}")
    return out


# ----------------------------------------------------------------------------
# Regret: the certificate
# ----------------------------------------------------------------------------


def regret(A, B, x, y) -> Fraction:
    """Largest gain any player can make by deviating from ``(x, y)``, exactly.

    Parameters
    ----------
    A, B : matrix of exact numbers, shape ``(m, n)``
        Payoffs of the row and the column player.
    x, y : sequence of exact numbers
        Mixed strategies of the row player (length ``m``) and the column
        player (length ``n``).

    Returns
    -------
    Fraction
        ``max(max_i (A y)_i - x'A y, max_j (x'B)_j - x'B y)``; zero exactly at a
        Nash equilibrium (Gambit's ``max_regret``).

    Raises
    ------
    UsageError
        If ``x`` or ``y`` is not a probability distribution of the right size.
    """
    FA, FB = _game(A, B)
    m, n = len(FA), len(FA[0])
    fx = _distribution(x, m, "x")
    fy = _distribution(y, n, "y")
    row_pay = [sum(a * q for a, q in zip(FA[i], fy)) for i in range(m)]
    col_pay = [sum(FB[i][j] * fx[i] for i in range(m)) for j in range(n)]
    row_value = sum(p * u for p, u in zip(fx, row_pay))
    col_value = sum(q * u for q, u in zip(fy, col_pay))
    return max(max(row_pay) - row_value, max(col_pay) - col_value)


def is_equilibrium(A, B, x, y) -> bool:
    """``True`` if ``x`` and ``y`` are distributions and ``regret(A, B, x, y) == 0`` exactly.

    Raises :class:`~gametheory.errors.UsageError` only for malformed payoffs;
    a profile that is not a pair of probability distributions gives ``False``.
    """
    FA, FB = _game(A, B)
    try:
        _distribution(x, len(FA), "x")
        _distribution(y, len(FA[0]), "y")
    except UsageError:
        return False
    return regret(FA, FB, x, y) == 0


# ----------------------------------------------------------------------------
# Vertex enumeration of {z >= 0, C z <= 1}
# ----------------------------------------------------------------------------


def _lex_smaller(cols, basis_row, i: int, ai: int, r: int, ar: int, D: int, lo: int, hi: int) -> bool:
    """Is row ``i`` (divided by ``ai``) lexicographically below row ``r`` (divided by ``ar``)?

    Compared on the slack columns ``lo..hi-1``, which hold ``D * B^{-1}``; a basic
    slack's column is implicit (``D`` in its row, zero elsewhere).
    """
    for c in range(lo, hi):
        col = cols[c]
        if col is None:
            row_of_c = basis_row[c]
            vi = D if row_of_c == i else 0
            vr = D if row_of_c == r else 0
        else:
            vi, vr = col[i], col[r]
        left = vi * ar
        right = vr * ai
        if left != right:
            return left < right
    raise AnalysisError("lexicographic ratio test found two equal rows: singular basis (a bug)")


def _polytope_vertices(C: list[list[int]], d: int) -> dict[tuple[int, ...], tuple[int, int]]:
    """Every vertex of ``{z in R^d : z >= 0, C z <= 1}`` for a positive integer ``C``.

    Parameters
    ----------
    C : list of k rows of d positive ints
    d : int
        Dimension.

    Returns
    -------
    dict
        Maps each vertex, as its integer numerators reduced by their gcd
        (a projective key: distinct nonzero vertices lie on distinct rays), to
        ``(zero_mask, tight_mask)``: bit ``j`` of ``zero_mask`` is set if
        ``z_j = 0``, bit ``l`` of ``tight_mask`` if constraint ``l`` is tight.

    Notes
    -----
    Integer tableau ``T = D * B^{-1} [C | I | 1]`` with ``D`` the determinant of
    the basis (always positive, since every pivot element is positive), kept
    by columns: ``0..d-1`` are ``z``, ``d..d+k-1`` the slacks, the last the
    right-hand side; the column of a basic variable is ``D`` times a unit vector
    and is not stored (``None``). A pivot on ``(r, e)`` replaces entry ``i != r``
    of every nonbasic column by ``(T[i] * T[r][e] - T[i][e] * T[r]) / D``, an exact
    division (Edmonds 1967). The entering variable's leaving row is chosen by
    the lexicographic minimum-ratio test on ``(rhs, B^{-1})``, i.e. on the
    perturbation ``1 + (eps, ..., eps^k)``; see the module docstring for
    completeness.
    """
    k = len(C)
    nvar = d + k
    lo, hi = d, d + k
    rows = range(k)
    # columns: z_j -> C[:, j]; slacks basic (None); rhs all ones
    cols0: list[list[int] | None] = [[C[i][j] for i in rows] for j in range(d)] + [None] * k + [[1] * k]
    basis0 = [d + i for i in rows]
    start = sum(1 << v for v in basis0)
    seen = {start}
    stack = [(cols0, basis0, 1, start)]
    vertices: dict[tuple[int, ...], tuple[int, int]] = {}
    all_tight = (1 << k) - 1
    steps = 0
    while stack:
        cols, basis, D, bmask = stack.pop()
        steps += 1
        if not steps & 3:
            check("enumerating the vertices of a best-response polytope")
        rhs = cols[-1]
        z = [0] * d
        for i, v in enumerate(basis):
            if v < d:
                z[v] = rhs[i]
        g = math.gcd(*z)
        key = tuple(a // g for a in z) if g else tuple(z)
        if key not in vertices:
            zero_mask = 0
            for j in range(d):
                if not z[j]:
                    zero_mask |= 1 << j
            tight = all_tight
            for i, v in enumerate(basis):
                if v >= d and rhs[i]:
                    tight &= ~(1 << (v - d))
            vertices[key] = (zero_mask, tight)
        basis_row = None
        for e in range(nvar):
            col_e = cols[e]
            if col_e is None:
                continue
            r = -1
            ra = rb = 0
            for i in rows:
                a = col_e[i]
                if a > 0:
                    b = rhs[i]
                    if r < 0:
                        r, ra, rb = i, a, b
                    else:
                        left, right = b * ra, rb * a
                        if left < right:
                            r, ra, rb = i, a, b
                        elif left == right:
                            if basis_row is None:
                                basis_row = {v: row for row, v in enumerate(basis)}
                            if _lex_smaller(cols, basis_row, i, a, r, ra, D, lo, hi):
                                r, ra, rb = i, a, b
            if r < 0:  # a ray: impossible in a bounded polytope, kept for safety
                continue
            leaving = basis[r]
            nmask = bmask ^ (1 << leaving) ^ (1 << e)
            if nmask in seen:
                continue
            seen.add(nmask)
            new: list[list[int] | None] = []
            for c, col in enumerate(cols):
                if col is None or c == e:
                    new.append(None)
                    continue
                pr = col[r]
                if pr:
                    nc = [(u * ra - f * pr) // D for u, f in zip(col, col_e)]
                    nc[r] = pr
                elif ra == D:
                    nc = col
                else:
                    nc = [(u * ra) // D for u in col]
                new.append(nc)
            left_col = [-f for f in col_e]
            left_col[r] = D
            new[leaving] = left_col
            nbasis = basis.copy()
            nbasis[r] = e
            stack.append((new, nbasis, ra, nmask))
    return vertices


# ----------------------------------------------------------------------------
# Matching, verification, structure
# ----------------------------------------------------------------------------


def _popcount(v: int) -> int:
    return bin(v).count("1")


def _complementary_pairs(P, Q, m: int, n: int) -> tuple[list[tuple[tuple, tuple]], bool]:
    """All complementary pairs of nonzero vertices; and whether the game is degenerate."""
    full = (1 << (m + n)) - 1
    plabels = {x: zm | (tm << m) for x, (zm, tm) in P.items()}
    qlabels = {y: tm | (zm << m) for y, (zm, tm) in Q.items()}
    by_mask: dict[int, list[tuple]] = {}
    for y, mask in qlabels.items():
        by_mask.setdefault(mask, []).append(y)
    pdeg = [x for x, mask in plabels.items() if _popcount(mask) > m]
    qdeg = [y for y, mask in qlabels.items() if _popcount(mask) > n]
    pairs = set()
    for x, mask in plabels.items():
        for y in by_mask.get(full ^ mask, ()):
            pairs.add((x, y))
    for x in pdeg:
        mx = plabels[x]
        for y, my in qlabels.items():
            if mx | my == full:
                pairs.add((x, y))
    for y in qdeg:
        my = qlabels[y]
        for x, mx in plabels.items():
            if mx | my == full:
                pairs.add((x, y))
    pairs = [(x, y) for x, y in pairs if any(x) and any(y)]
    return pairs, bool(pdeg or qdeg)


def _verify(Ai: list[list[int]], Bi: list[list[int]], x: tuple[int, ...], y: tuple[int, ...]) -> None:
    """Raise unless ``(x/sum x, y/sum y)`` has zero regret (exact integer arithmetic).

    With integer numerators the payoffs are scaled by positive constants, so
    "every strategy in the support earns the maximum" is exactly ``regret == 0``.
    """
    m, n = len(Ai), len(Ai[0])
    row_pay = [sum(Ai[i][j] * y[j] for j in range(n) if y[j]) for i in range(m)]
    col_pay = [sum(Bi[i][j] * x[i] for i in range(m) if x[i]) for j in range(n)]
    best_r, best_c = max(row_pay), max(col_pay)
    if any(x[i] and row_pay[i] != best_r for i in range(m)) or any(
        y[j] and col_pay[j] != best_c for j in range(n)
    ):
        raise AnalysisError(f"internal error: candidate {x}, {y} is not an equilibrium (not reported)")


def _normalise(v: tuple[int, ...]) -> tuple[Fraction, ...]:
    total = sum(v)
    return tuple(Fraction(a, total) for a in v)


def _maximal_bicliques(adjacency: dict[int, int]) -> list[tuple[int, int]]:
    """Maximal complete bipartite subgraphs ``(X, Y)`` as bitmasks.

    ``adjacency`` maps each left node to the bitmask of its right neighbours.
    The right sides of the maximal bicliques are exactly the intersections of
    neighbourhoods (a closure system); the left side of each is every node
    adjacent to all of it.
    """
    base = set(adjacency.values())
    family = set(base)
    frontier = set(base)
    while frontier:
        fresh = set()
        for s in frontier:
            for t in base:
                u = s & t
                if u and u not in family:
                    fresh.add(u)
        family |= fresh
        frontier = fresh
    out = []
    for right in family:
        left = 0
        for node, nbrs in adjacency.items():
            if nbrs & right == right:
                left |= 1 << node
        out.append((left, right))
    return out


def _bits(mask: int) -> tuple[int, ...]:
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def extreme_equilibria(A, B) -> BimatrixResult:
    """Every extreme Nash equilibrium of the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B : matrix of exact numbers, shape ``(m, n)``
        Payoffs of the row player and of the column player: nested sequences,
        numpy arrays or sympy matrices of ints, Fractions or sympy Rationals.

    Returns
    -------
    BimatrixResult
        The extreme equilibria (the same set as Gambit's
        ``enummixed_solve(game, rational=True)``), their connected components
        and maximal Nash subsets, and whether the game is degenerate.

    Raises
    ------
    UsageError
        If the matrices are not two matrices of the same shape.
    UnsupportedError
        If an entry is not an exact number.
    TimeLimitError
        If the deadline set with :func:`gametheory.limits.deadline` passes.

    Notes
    -----
    Vertex enumeration of both best-response polytopes by a search over
    lexicographically feasible bases in exact integer arithmetic, then
    matching by label bitmasks; see the module docstring for why the
    enumeration is complete for every game, degenerate or not, and
    [Avis2010]_ for the components and cliques.

    Examples
    --------
    >>> r = extreme_equilibria([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> [(tuple(map(str, e.row)), tuple(map(str, e.col))) for e in r.equilibria]
    [(('0', '1/3', '2/3'), ('1/3', '2/3')), (('4/5', '1/5', '0'), ('2/3', '1/3')), (('1', '0', '0'), ('1', '0'))]
    """
    FA, FB = _game(A, B)
    m, n = len(FA), len(FA[0])
    Ai, Bi = _integer_matrix(FA), _integer_matrix(FB)
    CP = [list(col) for col in zip(*_positive(Bi))]  # B' (n x m): polytope P of the row player
    CQ = _positive(Ai)  # A (m x n): polytope Q of the column player
    P = _polytope_vertices(CP, m)
    Q = _polytope_vertices(CQ, n)
    pairs, degenerate = _complementary_pairs(P, Q, m, n)
    for x, y in pairs:
        _verify(Ai, Bi, x, y)

    exact = sorted((_normalise(x), _normalise(y)) for x, y in pairs)
    row_vertices = sorted({r for r, _ in exact})
    col_vertices = sorted({c for _, c in exact})
    rindex = {r: i for i, r in enumerate(row_vertices)}
    cindex = {c: j for j, c in enumerate(col_vertices)}
    edges = [(rindex[r], cindex[c]) for r, c in exact]

    # Connected components (union-find over row vertices; columns join through edges).
    parent = list(range(len(row_vertices)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first_row_of_col: dict[int, int] = {}
    for r, c in edges:
        other = first_row_of_col.setdefault(c, r)
        ra, rb = find(r), find(other)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for k, (r, _) in enumerate(edges):
        groups.setdefault(find(r), []).append(k)
    components = sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])
    component_of = {}
    for ci, g in enumerate(components):
        for k in g:
            component_of[k] = ci

    cliques = []
    for g in components:
        adjacency: dict[int, int] = {}
        for k in g:
            r, c = edges[k]
            adjacency[r] = adjacency.get(r, 0) | (1 << c)
        for left, right in _maximal_bicliques(adjacency):
            cliques.append((_bits(left), _bits(right)))
    cliques.sort()

    equilibria = tuple(
        BimatrixEquilibrium(row=r, col=c, component=component_of[k]) for k, (r, c) in enumerate(exact)
    )
    return BimatrixResult(
        equilibria=equilibria,
        components=tuple(components),
        cliques=tuple(cliques),
        method=METHOD,
        degenerate=degenerate,
        row_vertices=tuple(row_vertices),
        col_vertices=tuple(col_vertices),
    )
