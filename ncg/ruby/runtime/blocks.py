"""Blocks: binding yielded values to block parameters, and `break` out of them.

A compiled block is a plain Python function taking the yielded values
positionally; its body starts with `a, b = bind_block_args(args, 2)`.
"""

from __future__ import annotations

from typing import Any

from ncg.errors import ArgumentError
from ncg.ruby.runtime.core import BlockBreak, send

__all__ = ["BlockBreak", "bind_block_args", "block_iter", "destructure"]


def bind_block_args(
    args: tuple[Any, ...], nparams: int, splat: bool = False, strict: bool = False, post: int = 0
) -> tuple[Any, ...]:
    """The values of a block's `nparams` parameters, by Ruby's proc or lambda rules.

    Proc rules: one Array yielded to a block of two or more parameters is
    spread over them; missing values are nil, extra ones dropped. With
    `splat` one parameter is `*rest`, followed by `post` more (`|a, *b, c|`),
    and collects what the others leave as a list. `strict` (lambdas) raises
    ArgumentError on a wrong count instead.
    """
    if strict:
        check_lambda_arity(len(args), nparams, splat)
    elif nparams >= 2 and len(args) == 1 and type(args[0]) is list:
        args = tuple(args[0])
    return _positional(args, nparams, splat, post)


def destructure(value: Any, nparams: int, splat: bool = False, post: int = 0) -> tuple[Any, ...]:
    """`a, (b, *c), d = …` and a block's `(b, c)`: an Array spreads over the
    targets, any other value goes to the first (Ruby's multiple assignment)."""
    values = tuple(value) if type(value) is list else (value,)
    return _positional(values, nparams, splat, post)


def _positional(args: tuple[Any, ...], nparams: int, splat: bool, post: int) -> tuple[Any, ...]:
    if splat:
        lead = nparams - 1 - post
        head = args[:lead] + (None,) * (lead - len(args))
        rest = args[lead:]
        if not post:
            return (*head, list(rest))
        middle = max(len(rest) - post, 0)
        tail = rest[middle:] + (None,) * (post - len(rest) + middle)
        return (*head, list(rest[:middle]), *tail)
    if len(args) == nparams:
        return args
    return args[:nparams] + (None,) * (nparams - len(args))


def check_lambda_arity(given: int, nparams: int, splat: bool) -> None:
    if splat and given < nparams - 1:
        raise ArgumentError(f"wrong number of arguments (given {given}, expected {nparams - 1}+)")
    if not splat and given != nparams:
        raise ArgumentError(f"wrong number of arguments (given {given}, expected {nparams})")


def block_iter(
    recv: Any, name: str, args: tuple[Any, ...], nparams: int, splat: bool = False
) -> list[tuple[Any, ...]]:
    """Call `recv.name(*args)` with a block that records what it is given.

    For a block whose body is template text (a Mako `% for` line): the
    result is each yield's values, bound to `nparams` parameters by proc rules.
    """
    yielded: list[tuple[Any, ...]] = []
    append = yielded.append

    def collect(*values: Any) -> None:
        if splat:
            append(bind_block_args(values, nparams, splat))
            return
        # bind_block_args's proc rules without its calls, once per element:
        # one Array yielded (`each_by_subkey`'s [k, node]) spreads over two or
        # more parameters, and as many values as parameters bind as they are
        if nparams >= 2 and len(values) == 1 and type(values[0]) is list:
            values = tuple(values[0])
        append(values if len(values) == nparams else _positional(values, nparams, False, 0))

    send(recv, name, *args, block=collect)
    return yielded



def keyword_args(args: tuple[Any, ...], nreq: int, nopt: int, splat: bool,
                 required: tuple[str, ...], known: tuple[str, ...] | None
                 ) -> tuple[tuple[Any, ...], dict[Any, Any]]:
    """A method's positional arguments and its keywords, by Ruby's rules for
    `def f(a, b = 1, *r, k:, j: 2, **opts)`: a trailing Hash of Symbol keys,
    beyond the required arguments, is the keywords. `required` names the
    keywords without a default; `known` all of them (None with `**opts`)."""
    from ncg.ruby.runtime.symbol import Symbol

    keywords: dict[Any, Any] = {}
    last = args[-1] if args else None
    if (isinstance(last, dict) and len(args) > nreq
            and all(type(k) is Symbol for k in last)):
        keywords = dict(last)
        args = args[:-1]
    given = len(args)
    if given < nreq or (not splat and given > nreq + nopt):
        expected = f"{nreq}+" if splat else f"{nreq}..{nreq + nopt}" if nopt else f"{nreq}"
        if required:
            expected += f"; required keyword{'s' if len(required) > 1 else ''}: " + \
                ", ".join(required)
        raise ArgumentError(f"wrong number of arguments (given {given}, expected {expected})")
    missing = [name for name in required if Symbol.of(name) not in keywords]
    if missing:
        raise ArgumentError(f"missing keyword{'s' if len(missing) > 1 else ''}: "
                            + ", ".join(f":{name}" for name in missing))
    if known is not None:
        unknown = [k for k in keywords if k.name not in known]
        if unknown:
            raise ArgumentError(f"unknown keyword{'s' if len(unknown) > 1 else ''}: "
                                + ", ".join(f":{k.name}" for k in unknown))
    return args, keywords


def bind_block_opt(args: tuple[Any, ...], nreq: int, nopt: int, strict: bool = False
                   ) -> tuple[list[Any], int]:
    """A block's `|a, b = 1|`: the values of its parameters (nil for those not
    given) and how many were given, by proc (or, `strict`, lambda) rules."""
    if strict:
        if not nreq <= len(args) <= nreq + nopt:
            raise ArgumentError(
                f"wrong number of arguments (given {len(args)}, expected {nreq}..{nreq + nopt})")
    elif nreq + nopt >= 2 and len(args) == 1 and type(args[0]) is list:
        args = tuple(args[0])
    values = list(args[:nreq + nopt])
    given = len(values)
    values.extend([None] * (nreq + nopt - given))
    return values, given
