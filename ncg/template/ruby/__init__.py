"""The Ruby core library for compiled templates: `import ncg.template.ruby as rb`.

Importing this package registers every Ruby class's methods (one module per
class) into the dispatch tables of `core`; the names below are the whole API
that the template compiler emits (see docs/architecture.md).
"""

from ncg.template.ruby import array, enumerable, hash, node_methods, regexp, string  # noqa: F401
from ncg.template.ruby.core import find_method, method  # noqa: F401
