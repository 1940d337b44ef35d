"""Write `ruby_table.json` for grammars/ruby.lark; run it after editing the grammar:

    python -m ncg.ruby.syntax.build_table

(Lark numbers states and tokens in an order that varies from run to run, so
two builds of one grammar differ in bytes, not in what they parse.)
"""

from __future__ import annotations

import os

from lark import Lark

from ncg.grammar_files import grammar_text
from ncg.ruby.syntax.bridge import RubyLexer
from ncg.ruby.syntax.table import OPTIONS, SHIPPED, table_digest, write_table


def main() -> None:
    grammar = grammar_text("ruby")
    parser = Lark(grammar, lexer=RubyLexer, **OPTIONS)
    write_table(SHIPPED, parser, table_digest(grammar, RubyLexer), {"lexer": RubyLexer})
    os.chmod(SHIPPED, 0o644)  # package data, not a private cache file
    print(f"wrote {SHIPPED}")


if __name__ == "__main__":
    main()
