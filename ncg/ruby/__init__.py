"""The Ruby language: syntax (lexer, grammar, AST), the code generator that
turns an AST into Python, and the core library that Python runs on.

It knows nothing of ERB, Mako or NCG: the template layer (`ncg.template`)
drives it, and `ncg.netomata` adds NCG's classes to its runtime.
"""
