"""Ruby source → AST: the context-aware lexer, the Lark grammar bridge, the AST."""
