"""The calling conventions compiled templates rely on: send, call_fn, blocks,
frames, rescue, and the value-level helpers."""

import pytest

import ncg.ruby.runtime as rb
from ncg.errors import ArgumentError, NameError_, NoMethodError, RubyError, StopIteration_


def test_send_dispatches_on_the_receivers_ruby_class():
    assert rb.send(3, "+", 4) == 7
    assert rb.send(True, "to_s") == "true"
    assert rb.send(None, "to_a") == []


def test_unknown_method_is_rubys_no_method_error():
    with pytest.raises(NoMethodError) as caught:
        rb.send(None, "upcase")
    assert caught.value.message == "undefined method `upcase' for nil:NilClass"


def test_wrong_argument_count_is_an_argument_error():
    with pytest.raises(ArgumentError) as caught:
        rb.send(3, "succ", 1)
    assert caught.value.message == "wrong number of arguments (given 1, expected 0)"


def test_a_block_given_to_a_method_that_takes_none_is_ignored():
    assert rb.send(3, "succ", block=lambda: None) == 4


def test_break_in_a_block_returns_its_value_from_the_call():
    def block(x):
        if x == 3:
            raise rb.BlockBreak(block, "broke")

    assert rb.send(rb.Range(1, 10), "each", block=block) == "broke"


def test_break_from_another_block_passes_through():
    other = object()

    def block(x):
        raise rb.BlockBreak(other, 1)

    with pytest.raises(rb.BlockBreak):
        rb.send(rb.Range(1, 3), "each", block=block)


def test_call_fn_and_registered_functions():
    rb.register_function("twice", lambda x: x * 2)
    assert rb.call_fn("twice", 4) == 8


def test_a_helper_that_wants_the_frame_gets_it_first():
    rb.register_function("target_of", lambda frame: frame.ivars.get("@target"), wants_frame=True)
    rb.push_frame({"@target": "t1"})
    try:
        assert rb.call_fn("target_of") == "t1"
    finally:
        rb.pop_frame()


def test_unknown_function_without_arguments_is_a_name_error():
    with pytest.raises(NameError_) as caught:
        rb.call_fn("nosuch")
    assert caught.value.message.startswith("undefined local variable or method `nosuch' for ")
    with pytest.raises(NoMethodError):
        rb.call_fn("nosuch", 1)


def test_loop_runs_until_break_or_stop_iteration():
    count = []

    def body():
        count.append(1)
        if len(count) == 4:
            raise rb.BlockBreak(body, len(count))

    assert rb.call_fn("loop", block=body) == 4

    def stop():
        raise StopIteration_("done")

    assert rb.call_fn("loop", block=stop) is None


def test_lambda_marks_its_block():
    block = rb.call_fn("lambda", block=lambda x: x)
    assert rb.send(block, "lambda?") is True
    assert rb.send(rb.call_fn("proc", block=lambda x: x), "lambda?") is False


# -- blocks -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, nparams, splat, expected",
    [
        ((1,), 1, False, (1,)),
        (([1, 2],), 1, False, ([1, 2],)),
        (([1, 2],), 2, False, (1, 2)),
        (([1, 2, 3],), 2, False, (1, 2)),
        (([1],), 2, False, (1, None)),
        ((1, 2, 3), 2, False, (1, 2)),
        ((), 2, False, (None, None)),
        (([1, 2, 3],), 2, True, (1, [2, 3])),
        ((1,), 2, True, (1, [])),
        (([1, 2],), 1, True, ([[1, 2]],)),
        ((1, 2), 1, True, ([1, 2],)),
    ],
)
def test_bind_block_args_by_proc_rules(args, nparams, splat, expected):
    assert rb.bind_block_args(args, nparams, splat) == expected


def test_lambda_binding_is_strict():
    with pytest.raises(ArgumentError) as caught:
        rb.bind_block_args((1,), 2, strict=True)
    assert caught.value.message == "wrong number of arguments (given 1, expected 2)"
    assert rb.bind_block_args(([1, 2],), 1, strict=True) == ([1, 2],)
    with pytest.raises(ArgumentError) as caught:
        rb.bind_block_args((), 2, splat=True, strict=True)
    assert caught.value.message == "wrong number of arguments (given 0, expected 1+)"


def test_block_iter_collects_bound_yields():
    assert rb.block_iter(rb.Range(1, 3), "each", (), 1) == [(1,), (2,), (3,)]
    assert rb.block_iter(3, "times", (), 1) == [(0,), (1,), (2,)]
    assert rb.block_iter([[1, 2], [3, 4]], "each", (), 2) == [(1, 2), (3, 4)]
    assert rb.block_iter(1, "upto", (2,), 2) == [(1, None), (2, None)]


# -- frames -------------------------------------------------------------------


def test_frames_stack_and_keep_ivars_and_last_match():
    outer = rb.push_frame({"@a": 1})
    inner = rb.push_frame({"@a": 2})
    assert rb.frame() is inner and inner.ivar("@a") == 2 and inner.ivar("@b") is None
    rb.pop_frame()
    assert rb.frame() is outer
    rb.pop_frame()


def test_regexp_globals_are_nil_without_a_match():
    frame = rb.push_frame({})
    try:
        frame.last_match = None
        assert rb.last_match() is None
        assert rb.nth_ref(1) is None
        assert rb.pre_match() is None and rb.post_match() is None
    finally:
        rb.pop_frame()


# -- values -------------------------------------------------------------------


@pytest.mark.parametrize("value, truth", [(None, False), (False, False), (0, True), ("", True),
                                          ([], True), (True, True)])
def test_truthy(value, truth):
    assert rb.truthy(value) is truth


def test_eq_keeps_booleans_apart_from_integers():
    assert rb.eq(1, 1.0)
    assert not rb.eq(1, True)
    assert not rb.eq(True, 1)
    assert not rb.eq(0, False)
    assert rb.eq(None, None)
    assert rb.eq(rb.sym("a"), rb.sym("a"))


def test_case_eq():
    assert rb.case_eq(rb.const("Integer"), 3)
    assert not rb.case_eq(rb.const("Integer"), True)
    assert rb.case_eq(rb.Range(1, 100), 50)
    assert rb.case_eq("Vlan10", "Vlan10")
    assert not rb.case_eq(1, True)


def test_symbols_are_interned_and_strings_interpolate():
    assert rb.sym("abc") is rb.sym("abc")
    assert rb.dstr("a", 1, None, rb.sym("s"), 1.5, "b") == "a1s1.5b"
    assert rb.to_s(None) == "" and rb.to_s(1e20) == "1.0e+20"


# -- rescue -------------------------------------------------------------------


def test_rescue_matches_by_ruby_class():
    error = ArgumentError("x")
    assert rb.rescue_match(error, [rb.const("ArgumentError")])
    assert rb.rescue_match(error, [rb.const("StandardError")])
    assert not rb.rescue_match(error, [rb.const("TypeError")])
    assert rb.rescue_match(error, [])
    assert rb.rescue_match(error, [rb.const("TypeError"), rb.const("ArgumentError")])
    assert not rb.rescue_match(rb.BlockBreak(print, 1), [])


def test_python_errors_become_ruby_errors():
    zero = rb.to_ruby_error(ZeroDivisionError("integer division or modulo by zero"))
    assert (zero.ruby_name, zero.message) == ("ZeroDivisionError", "divided by 0")
    deep = rb.to_ruby_error(RecursionError())
    assert (deep.ruby_name, deep.message) == ("SystemStackError", "stack level too deep")
    assert not rb.rescue_match(deep, [])
    memory = rb.to_ruby_error(MemoryError())
    assert (memory.ruby_name, memory.message) == ("NoMemoryError", "failed to allocate memory")
    assert not rb.rescue_match(memory, [])
    assert rb.rescue_match(ZeroDivisionError(), [rb.const("ZeroDivisionError")])


def test_other_python_errors_are_ncg_bugs_that_no_rescue_catches():
    for bug in (LookupError("odd"), AttributeError("x"), TypeError("y"), KeyError("z")):
        assert not rb.rescue_match(bug, [])
        assert not rb.rescue_match(bug, [rb.const("Exception")])


def test_rescue_needs_classes():
    with pytest.raises(RubyError) as caught:
        rb.rescue_match(ArgumentError("x"), ["ArgumentError"])
    assert caught.value.message == "class or module required for rescue clause"


# -- output -------------------------------------------------------------------


def test_puts_print_p_write_like_ruby(capsys):
    rb.call_fn("puts", [1, [2, [None]]], None)
    rb.call_fn("puts", [])
    rb.call_fn("print", "a", 1, None, "\n")
    rb.call_fn("p", 1, "a")
    assert rb.call_fn("p") is None
    assert rb.call_fn("p", 1, 2) == [1, 2]
    rb.call_fn("puts", "a\n")
    rb.call_fn("puts", rb.sym("s"), 1.5)
    assert capsys.readouterr().out == (
        "1\n2\n\n\n\na1\n1\n\"a\"\n1\n2\na\ns\n1.5\n"
    )


def test_seeded_rand_gives_rubys_numbers():
    """Recorded: ruby -e 'srand(42); p rand, rand, rand(10), rand(10), rand(1000000),
    rand(2.5), rand(1..6), rand(-5), rand(2**40), rand(1...3); srand(7); p rand(100), rand'."""
    rb.call_fn("srand", 42)
    limits = [None, None, 10, 10, 1000000, 2.5, rb.Range(1, 6), -5, 2**40, rb.Range(1, 3, True)]
    drawn = [rb.call_fn("rand", *([] if limit is None else [limit])) for limit in limits]
    assert drawn == [0.3745401188473625, 0.9507143064099162, 7, 4, 54886, 1, 3, 2,
                     871303592023, 1]
    rb.call_fn("srand", 7)
    assert [rb.call_fn("rand", 100), rb.call_fn("rand")] == [47, 0.22733907982646517]


def test_catch_and_throw():
    assert rb.call_fn("catch", rb.sym("a"),
                      block=lambda tag: rb.call_fn("throw", rb.sym("a"), 5)) == 5
    assert rb.call_fn("catch", block=lambda tag: rb.call_fn("throw", tag)) is None
    with pytest.raises(ArgumentError) as caught:
        rb.call_fn("throw", rb.sym("x"))
    assert caught.value.message == "uncaught throw :x"


def test_stdout_and_stderr_objects(capsys):
    """Recorded: ruby -e 'p STDOUT, STDOUT.puts("x"), STDOUT.print("a", 1),
    (STDOUT << "b" << "\\n").class, STDOUT.write("ab", "c"), STDOUT.printf("%d\\n", 3)'."""
    out = rb.const("STDOUT")
    assert rb.inspect(out) == "#<IO:<STDOUT>>"
    assert rb.send(out, "puts", "x") is None
    assert rb.send(out, "print", "a", 1) is None
    assert rb.inspect(rb.send(rb.send(rb.send(out, "<<", "b"), "<<", "\n"), "class")) == "IO"
    assert rb.send(out, "write", "ab", "c") == 3
    assert rb.send(out, "printf", "%d\n", 3) is None
    rb.send(rb.const("STDERR"), "puts", "e")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("x\na1b\nabc3\n", "e\n")


def test_aref_calls_what_send_would_for_each_type_it_shortcuts():
    import ncg.netomata.node_methods  # noqa: F401  # registers Node's `[]`
    from ncg.model.node import Node
    from ncg.ruby.runtime.core import AREFS, METHODS

    for t, fn in AREFS.items():
        sent = METHODS[t]["[]"]
        assert fn is sent or (t is Node and fn is Node.get), t


def test_aref_gives_rubys_values_and_errors():
    assert rb.aref({"a": 1}, "a") == 1
    assert rb.aref([1, 2], -1) == 2
    assert rb.aref("abc", 1) == "b"
    assert rb.aref(rb.sym("abc"), 0) == "a"  # a Symbol's `[]` through send
    with pytest.raises(NoMethodError) as caught:
        rb.aref(None, "a")
    assert caught.value.message == "undefined method `[]' for nil:NilClass"


@pytest.mark.parametrize("nparams", [0, 1, 2, 3])
@pytest.mark.parametrize("values", [(), (1,), (1, 2), (1, 2, 3, 4), ([1, 2],), ([[1, 2]],),
                                    ([1, 2, 3, 4],), ([1],), ([1, 2], 3)])
def test_block_iter_binds_each_yield_as_a_block_of_as_many_parameters(values, nparams):
    yielder = rb.RClass("Yielder")
    yielder.smethods["each"] = lambda _cls, *, block: block(*values)
    assert rb.block_iter(yielder, "each", (), nparams) == [rb.bind_block_args(values, nparams)]
