"""What `require` finds in the original NCG's Ruby 3.1 process.

Recorded by tests/runtime/record_features.py: do not edit by hand.
"""

# features the original has loaded before any template runs
PRELOADED = frozenset("""
cgi/escape cgi/util complex did_you_mean did_you_mean/core_ext/name_error did_you_mean/formatter
did_you_mean/jaro_winkler did_you_mean/levenshtein did_you_mean/spell_checker
did_you_mean/spell_checkers/key_error_checker did_you_mean/spell_checkers/method_name_checker
did_you_mean/spell_checkers/name_error_checkers
did_you_mean/spell_checkers/name_error_checkers/class_name_checker
did_you_mean/spell_checkers/name_error_checkers/variable_name_checker
did_you_mean/spell_checkers/null_checker did_you_mean/spell_checkers/pattern_key_name_checker
did_you_mean/spell_checkers/require_path_checker did_you_mean/tree_spell_checker
did_you_mean/version enc/encdb enc/trans/transdb enumerator erb erb/version error_highlight
error_highlight/base error_highlight/core_ext error_highlight/formatter error_highlight/version
etc fiber fileutils hashery/dictionary io/wait ipaddr monitor netomata netomata/fileset
netomata/ipaddr netomata/node netomata/template netomata/utilities netomata/version optparse pp
prettyprint rational rbconfig ruby2_keywords rubygems rubygems/basic_specification
rubygems/compatibility rubygems/core_ext/kernel_gem rubygems/core_ext/kernel_require
rubygems/core_ext/kernel_warn rubygems/defaults rubygems/defaults/operating_system
rubygems/dependency rubygems/deprecate rubygems/errors rubygems/exceptions rubygems/path_support
rubygems/platform rubygems/requirement rubygems/specification rubygems/stub_specification
rubygems/unknown_command_spell_checker rubygems/util rubygems/util/list rubygems/version socket
strscan thread
""".split())

# every library of Ruby 3.1's standard distribution that `require` loads
REQUIRABLE = frozenset("""
English abbrev base64 benchmark benchmark/version bigdecimal bigdecimal/jacobian
bigdecimal/ludcmp bigdecimal/math bigdecimal/newton bigdecimal/util bundler
bundler/build_metadata bundler/compact_index_client bundler/compact_index_client/cache
bundler/compact_index_client/gem_parser bundler/constants bundler/current_ruby bundler/dep_proxy
bundler/dependency bundler/deployment bundler/deprecate bundler/digest
bundler/environment_preserver bundler/errors bundler/fetcher/base bundler/fetcher/compact_index
bundler/fetcher/dependency bundler/fetcher/downloader bundler/fetcher/index
bundler/friendly_errors bundler/gem_helper bundler/gem_helpers bundler/gem_version_promoter
bundler/graph bundler/index bundler/injector bundler/inline bundler/installer
bundler/installer/gem_installer bundler/installer/parallel_installer
bundler/installer/standalone bundler/lazy_specification bundler/lockfile_generator
bundler/match_platform bundler/mirror bundler/plugin/api bundler/plugin/api/source
bundler/plugin/events bundler/plugin/installer bundler/process_lock bundler/resolver/spec_group
bundler/retry bundler/ruby_dsl bundler/ruby_version bundler/rubygems_ext
bundler/rubygems_gem_installer bundler/rubygems_integration bundler/self_manager
bundler/settings bundler/settings/validator bundler/setup bundler/shared_helpers
bundler/similarity_detector bundler/source bundler/source/metadata bundler/source/path
bundler/source/path/installer bundler/source/rubygems bundler/source/rubygems/remote
bundler/source/rubygems_aggregate bundler/source_list bundler/source_map bundler/spec_set
bundler/ui bundler/ui/rg_proxy bundler/ui/shell bundler/ui/silent bundler/uri_credentials_filter
bundler/vendor/molinillo/lib/molinillo/dependency_graph
bundler/vendor/molinillo/lib/molinillo/resolver bundler/vendor/tsort/lib/tsort
bundler/vendored_fileutils bundler/vendored_molinillo bundler/vendored_persistent
bundler/vendored_thor bundler/vendored_tmpdir bundler/vendored_tsort bundler/vendored_uri
bundler/version bundler/version_ranges bundler/worker bundler/yaml_serializer cgi cgi/cookie
cgi/core cgi/escape cgi/html cgi/session cgi/session/pstore cgi/util continuation coverage csv
csv/core_ext/array csv/core_ext/string csv/delete_suffix csv/fields_converter
csv/input_record_separator csv/match_p csv/parser csv/row csv/table csv/version csv/writer date
date_core debug debug/client debug/color debug/config debug/frame_info debug/open
debug/open_nonstop debug/prelude debug/server_cdp debug/server_dap debug/session
debug/source_repository debug/start debug/thread_client debug/version delegate did_you_mean
did_you_mean/core_ext/name_error did_you_mean/experimental did_you_mean/formatter
did_you_mean/formatters/plain_formatter did_you_mean/formatters/verbose_formatter
did_you_mean/jaro_winkler did_you_mean/levenshtein did_you_mean/spell_checker
did_you_mean/spell_checkers/key_error_checker did_you_mean/spell_checkers/method_name_checker
did_you_mean/spell_checkers/name_error_checkers
did_you_mean/spell_checkers/name_error_checkers/class_name_checker
did_you_mean/spell_checkers/name_error_checkers/variable_name_checker
did_you_mean/spell_checkers/null_checker did_you_mean/spell_checkers/pattern_key_name_checker
did_you_mean/spell_checkers/require_path_checker did_you_mean/tree_spell_checker
did_you_mean/verbose did_you_mean/version digest digest/bubblebabble digest/loader digest/md5
digest/rmd160 digest/sha1 digest/sha2 digest/sha2/loader digest/version drb drb/acl drb/drb
drb/eq drb/extserv drb/extservm drb/gw drb/invokemethod drb/observer drb/ssl drb/timeridconv
drb/unix drb/version drb/weakidconv enc/big5 enc/cesu_8 enc/cp949 enc/emacs_mule enc/encdb
enc/euc_jp enc/euc_kr enc/euc_tw enc/gb18030 enc/gb2312 enc/gbk enc/iso_8859_1 enc/iso_8859_10
enc/iso_8859_11 enc/iso_8859_13 enc/iso_8859_14 enc/iso_8859_15 enc/iso_8859_16 enc/iso_8859_2
enc/iso_8859_3 enc/iso_8859_4 enc/iso_8859_5 enc/iso_8859_6 enc/iso_8859_7 enc/iso_8859_8
enc/iso_8859_9 enc/koi8_r enc/koi8_u enc/shift_jis enc/trans/big5 enc/trans/cesu_8
enc/trans/chinese enc/trans/ebcdic enc/trans/emoji enc/trans/emoji_iso2022_kddi
enc/trans/emoji_sjis_docomo enc/trans/emoji_sjis_kddi enc/trans/emoji_sjis_softbank
enc/trans/escape enc/trans/gb18030 enc/trans/gbk enc/trans/iso2022 enc/trans/japanese
enc/trans/japanese_euc enc/trans/japanese_sjis enc/trans/korean enc/trans/single_byte
enc/trans/transdb enc/trans/utf8_mac enc/trans/utf_16_32 enc/utf_16be enc/utf_16le enc/utf_32be
enc/utf_32le enc/windows_1250 enc/windows_1251 enc/windows_1252 enc/windows_1253
enc/windows_1254 enc/windows_1257 enc/windows_31j erb erb/version error_highlight
error_highlight/base error_highlight/core_ext error_highlight/formatter error_highlight/version
etc expect fcntl fiddle fiddle/closure fiddle/cparser fiddle/function fiddle/import fiddle/pack
fiddle/struct fiddle/types fiddle/value fiddle/version fileutils find forwardable
forwardable/impl getoptlong hoe/minitest io/console io/console/size io/nonblock io/wait ipaddr
irb irb/cmd/chws irb/cmd/help irb/cmd/info irb/cmd/load irb/cmd/ls irb/cmd/measure irb/cmd/nop
irb/cmd/pushws irb/cmd/show_source irb/cmd/whereami irb/color irb/color_printer irb/completion
irb/easter-egg irb/ext/change-ws irb/ext/loader irb/ext/save-history irb/ext/tracer
irb/ext/workspaces irb/frame irb/help irb/init irb/input-method irb/inspector irb/lc/error
irb/lc/ja/encoding_aliases irb/lc/ja/error irb/locale irb/magic-file irb/notifier
irb/output-method irb/ruby-lex irb/src_encoding irb/version irb/xmp json json/add/bigdecimal
json/add/complex json/add/core json/add/date json/add/date_time json/add/exception
json/add/ostruct json/add/range json/add/rational json/add/regexp json/add/set json/add/struct
json/add/symbol json/add/time json/common json/ext json/ext/generator json/ext/parser
json/generic_object json/version kconv logger logger/errors logger/formatter logger/log_device
logger/period logger/severity logger/version matrix matrix/eigenvalue_decomposition
matrix/version minitest minitest/assertions minitest/autorun minitest/benchmark minitest/mock
minitest/parallel minitest/pride minitest/pride_plugin minitest/spec minitest/test minitest/unit
monitor mutex_m net/ftp net/http net/http/status net/https net/imap net/pop net/protocol
net/smtp nkf objspace objspace/trace observer open-uri open3 open3/version openssl openssl/bn
openssl/cipher openssl/digest openssl/hmac openssl/marshal openssl/pkcs5 openssl/pkey
openssl/version openssl/x509 optionparser optparse optparse/ac optparse/date optparse/kwargs
optparse/shellwords optparse/time optparse/uri optparse/version ostruct pathname power_assert
power_assert/colorize power_assert/configuration power_assert/context
power_assert/enable_tracepoint_events power_assert/inspector power_assert/parser
power_assert/version pp prettyprint prime pstore psych psych/class_loader psych/coder
psych/core_ext psych/exception psych/handler psych/handlers/document_stream
psych/handlers/recorder psych/json/ruby_events psych/json/yaml_events psych/nodes/node
psych/omap psych/parser psych/scalar_scanner psych/set psych/streaming psych/syntax_error
psych/tree_builder psych/versions psych/visitors psych/visitors/visitor psych/y pty racc
racc/compat racc/cparse racc/debugflags racc/exception racc/grammar racc/grammarfileparser
racc/info racc/iset racc/logfilegenerator racc/parser racc/parser-text racc/parserfilegenerator
racc/sourcetext racc/state racc/statetransitiontable racc/static rake rake/application
rake/backtrace rake/clean rake/cloneable rake/cpu_counter rake/default_loader
rake/dsl_definition rake/ext/core rake/ext/string rake/file_list rake/file_utils
rake/file_utils_ext rake/invocation_exception_mixin rake/linked_list rake/packagetask rake/phony
rake/private_reader rake/promise rake/pseudo_status rake/rake_module
rake/rule_recursion_overflow_error rake/task rake/task_argument_error rake/task_arguments
rake/task_manager rake/tasklib rake/testtask rake/thread_history_display rake/thread_pool
rake/trace_output rake/version rake/win32 random/formatter rbconfig rbconfig/sizeof rbs
rbs/ancestor_graph rbs/annotate rbs/annotate/annotations rbs/annotate/formatter
rbs/annotate/rdoc_annotator rbs/annotate/rdoc_source rbs/ast/annotation rbs/ast/comment
rbs/ast/declarations rbs/ast/members rbs/ast/type_param rbs/buffer rbs/char_scanner rbs/cli
rbs/collection rbs/collection/cleaner rbs/collection/config/lockfile_generator
rbs/collection/installer rbs/collection/sources rbs/collection/sources/git
rbs/collection/sources/rubygems rbs/collection/sources/stdlib rbs/constant rbs/constant_table
rbs/definition rbs/definition_builder rbs/definition_builder/ancestor_builder rbs/environment
rbs/errors rbs/factory rbs/locator rbs/method_type rbs/namespace rbs/parser_aux
rbs/prototype/helpers rbs/prototype/rbi rbs/substitution rbs/test rbs/test/errors rbs/test/hook
rbs/test/observer rbs/test/setup_helper rbs/test/spy rbs/test/tester rbs/test/type_check
rbs/type_alias_dependency rbs/type_alias_regularity rbs/type_name rbs/type_name_resolver
rbs/types rbs/validator rbs/variance_calculator rbs/vendorer rbs/version rbs/writer rdoc
rdoc/code_objects rdoc/known_classes rdoc/rdoc rdoc/ri rdoc/ri/driver rdoc/ri/paths rdoc/ri/task
rdoc/rubygems_hook rdoc/servlet rdoc/task rdoc/version readline reline reline/version resolv
resolv-replace rexml rexml/attlistdecl rexml/attribute rexml/cdata rexml/child rexml/comment
rexml/doctype rexml/document rexml/dtd/attlistdecl rexml/dtd/dtd rexml/dtd/elementdecl
rexml/dtd/entitydecl rexml/dtd/notationdecl rexml/element rexml/encoding rexml/entity
rexml/formatters/default rexml/formatters/pretty rexml/formatters/transitive rexml/functions
rexml/instruction rexml/light/node rexml/namespace rexml/node rexml/output rexml/parent
rexml/parseexception rexml/parsers/baseparser rexml/parsers/lightparser rexml/parsers/pullparser
rexml/parsers/sax2parser rexml/parsers/streamparser rexml/parsers/treeparser
rexml/parsers/ultralightparser rexml/parsers/xpathparser rexml/quickpath rexml/rexml
rexml/sax2listener rexml/security rexml/source rexml/streamlistener rexml/text
rexml/undefinednamespaceexception rexml/validation/relaxng rexml/validation/validation
rexml/validation/validationexception rexml/xmltokens rexml/xpath rexml/xpath_parser rinda/rinda
rinda/ring rinda/tuplespace ripper ripper/core ripper/filter ripper/lexer ripper/sexp rss
rss/0.9 rss/1.0 rss/2.0 rss/atom rss/converter rss/image rss/itunes rss/maker rss/maker/atom
rss/maker/base rss/parser rss/rss rss/slash rss/syndication rss/taxonomy rss/trackback rss/utils
rss/version rss/xml rss/xml-stylesheet rubygems rubygems/available_set
rubygems/basic_specification rubygems/bundler_version_finder rubygems/command
rubygems/command_manager rubygems/commands/build_command rubygems/commands/cert_command
rubygems/commands/check_command rubygems/commands/cleanup_command
rubygems/commands/contents_command rubygems/commands/dependency_command
rubygems/commands/environment_command rubygems/commands/fetch_command
rubygems/commands/generate_index_command rubygems/commands/help_command
rubygems/commands/info_command rubygems/commands/install_command rubygems/commands/list_command
rubygems/commands/lock_command rubygems/commands/mirror_command rubygems/commands/open_command
rubygems/commands/outdated_command rubygems/commands/owner_command
rubygems/commands/pristine_command rubygems/commands/push_command
rubygems/commands/query_command rubygems/commands/rdoc_command rubygems/commands/search_command
rubygems/commands/server_command rubygems/commands/setup_command
rubygems/commands/signin_command rubygems/commands/signout_command
rubygems/commands/sources_command rubygems/commands/specification_command
rubygems/commands/stale_command rubygems/commands/uninstall_command
rubygems/commands/unpack_command rubygems/commands/update_command
rubygems/commands/which_command rubygems/commands/yank_command rubygems/compatibility
rubygems/config_file rubygems/core_ext/kernel_gem rubygems/core_ext/kernel_require
rubygems/core_ext/kernel_warn rubygems/core_ext/tcpsocket_init rubygems/defaults
rubygems/dependency rubygems/dependency_installer rubygems/dependency_list rubygems/deprecate
rubygems/doctor rubygems/errors rubygems/exceptions rubygems/ext rubygems/gem_runner
rubygems/gemcutter_utilities rubygems/indexer rubygems/install_default_message
rubygems/install_message rubygems/install_update_options rubygems/installer
rubygems/installer_uninstaller_utils rubygems/local_remote_options rubygems/mock_gem_ui
rubygems/name_tuple rubygems/openssl rubygems/optparse rubygems/optparse/lib/optionparser
rubygems/optparse/lib/optparse rubygems/optparse/lib/optparse/ac
rubygems/optparse/lib/optparse/date rubygems/optparse/lib/optparse/kwargs
rubygems/optparse/lib/optparse/shellwords rubygems/optparse/lib/optparse/time
rubygems/optparse/lib/optparse/uri rubygems/package rubygems/package_task rubygems/path_support
rubygems/platform rubygems/psych_additions rubygems/psych_tree rubygems/query_utils
rubygems/rdoc rubygems/remote_fetcher rubygems/request rubygems/request_set
rubygems/request_set/gem_dependency_api rubygems/request_set/lockfile/parser
rubygems/request_set/lockfile/tokenizer rubygems/requirement rubygems/resolver
rubygems/resolver/activation_request rubygems/resolver/api_set
rubygems/resolver/api_set/gem_parser rubygems/resolver/api_specification
rubygems/resolver/best_set rubygems/resolver/conflict rubygems/resolver/current_set
rubygems/resolver/dependency_request rubygems/resolver/git_set
rubygems/resolver/git_specification rubygems/resolver/index_set
rubygems/resolver/index_specification rubygems/resolver/installed_specification
rubygems/resolver/installer_set rubygems/resolver/local_specification rubygems/resolver/lock_set
rubygems/resolver/lock_specification rubygems/resolver/molinillo/lib/molinillo/dependency_graph
rubygems/resolver/molinillo/lib/molinillo/dependency_graph/log
rubygems/resolver/molinillo/lib/molinillo/dependency_graph/vertex
rubygems/resolver/molinillo/lib/molinillo/errors
rubygems/resolver/molinillo/lib/molinillo/gem_metadata
rubygems/resolver/molinillo/lib/molinillo/resolution
rubygems/resolver/molinillo/lib/molinillo/resolver
rubygems/resolver/molinillo/lib/molinillo/state rubygems/resolver/requirement_list
rubygems/resolver/source_set rubygems/resolver/stats rubygems/resolver/vendor_set
rubygems/resolver/vendor_specification rubygems/s3_uri_signer rubygems/security
rubygems/security_option rubygems/source rubygems/source/git rubygems/source/local
rubygems/source/lock rubygems/source/specific_file rubygems/source/vendor rubygems/source_list
rubygems/spec_fetcher rubygems/specification rubygems/specification_policy
rubygems/stub_specification rubygems/text rubygems/tsort rubygems/tsort/lib/tsort
rubygems/uninstaller rubygems/unknown_command_spell_checker rubygems/uri rubygems/uri_formatter
rubygems/user_interaction rubygems/util rubygems/util/licenses rubygems/util/list
rubygems/validator rubygems/version rubygems/version_option securerandom set shellwords
singleton socket stringio strscan syslog syslog/logger tempfile test-unit test/unit
test/unit/assertion-failed-error test/unit/assertions test/unit/attribute
test/unit/attribute-matcher test/unit/auto-runner-loader test/unit/autorunner
test/unit/code-snippet-fetcher test/unit/collector test/unit/collector/descendant
test/unit/collector/dir test/unit/collector/load test/unit/collector/objectspace
test/unit/collector/xml test/unit/color test/unit/color-scheme test/unit/data
test/unit/data-sets test/unit/diff test/unit/error test/unit/exception-handler test/unit/failure
test/unit/fault-location-detector test/unit/fixture test/unit/notification test/unit/omission
test/unit/pending test/unit/priority test/unit/test-suite-creator test/unit/testcase
test/unit/testresult test/unit/testsuite test/unit/ui/console/outputlevel
test/unit/ui/console/testrunner test/unit/ui/emacs/testrunner test/unit/ui/testrunner
test/unit/ui/testrunnermediator test/unit/ui/testrunnerutilities test/unit/ui/xml/testrunner
test/unit/util/backtracefilter test/unit/util/memory-usage test/unit/util/method-owner-finder
test/unit/util/observable test/unit/util/output test/unit/util/procwrapper test/unit/version
test/unit/warning time timeout tmpdir tsort typeprof typeprof/arguments typeprof/builtin
typeprof/cli typeprof/code-range typeprof/config typeprof/export typeprof/import typeprof/iseq
typeprof/utils typeprof/version un unicode_normalize/normalize unicode_normalize/tables uri
uri/common uri/file uri/ftp uri/generic uri/http uri/https uri/ldap uri/ldaps uri/mailto
uri/rfc2396_parser uri/rfc3986_parser uri/version uri/ws uri/wss weakref yaml yaml/store zlib
""".split())

# what a library's require loads with it, besides what those load in turn
# (a library's line may go on on lines that name it again)
DIRECT_LOADS: dict[str, list[str]] = {}
for _line in """
bigdecimal/jacobian: bigdecimal
bigdecimal/ludcmp: bigdecimal
bigdecimal/math: bigdecimal
bigdecimal/newton: bigdecimal/jacobian bigdecimal/ludcmp
bigdecimal/util: bigdecimal
cgi: cgi/cookie cgi/core
cgi/session: cgi tmpdir
cgi/session/pstore: cgi cgi/cookie cgi/core cgi/session digest pstore tmpdir
csv: English csv/core_ext/array csv/core_ext/string csv/delete_suffix csv/fields_converter
csv: csv/input_record_separator csv/match_p csv/parser csv/row csv/table csv/version csv/writer
csv: date date_core forwardable stringio
csv/input_record_separator: English stringio
csv/parser: English csv/delete_suffix csv/input_record_separator csv/match_p csv/row csv/table
csv/parser: forwardable stringio
csv/row: forwardable
csv/table: forwardable
csv/writer: English csv/input_record_separator csv/match_p csv/row forwardable stringio
date: date_core
digest: digest/loader digest/version
digest/bubblebabble: digest digest/loader
digest/loader: digest
digest/md5: digest digest/loader
digest/rmd160: digest digest/loader
digest/sha1: digest digest/loader
digest/sha2: digest digest/loader digest/sha2/loader digest/version
digest/sha2/loader: digest/sha2
drb: drb/drb
drb/drb: drb/eq drb/invokemethod
drb/extserv: drb/drb
drb/extservm: drb/drb
drb/gw: drb/drb
drb/observer: observer
drb/ssl: digest drb/drb drb/eq drb/invokemethod openssl singleton
drb/timeridconv: drb/drb
drb/unix: drb/drb tmpdir
drb/weakidconv: drb/drb
fiddle: fiddle/closure fiddle/function fiddle/version
fiddle/import: fiddle/cparser fiddle/struct
fiddle/pack: fiddle
fiddle/struct: fiddle/pack fiddle/value
fiddle/value: fiddle
forwardable: forwardable/impl
io/console/size: io/console
json: json/ext
json/add/bigdecimal: bigdecimal json
json/add/complex: json
json/add/core: json/add/date json/add/date_time json/add/exception json/add/range
json/add/core: json/add/regexp json/add/struct json/add/symbol json/add/time
json/add/date: date json
json/add/date_time: date json
json/add/exception: json
json/add/ostruct: json
json/add/range: json
json/add/rational: json
json/add/regexp: json
json/add/set: json set
json/add/struct: json
json/add/symbol: json
json/add/time: json
json/common: json/generic_object json/version
json/ext: json/ext/generator json/ext/parser
json/ext/generator: json/common
json/ext/parser: json/common
json/generic_object: ostruct
kconv: nkf
logger: logger/errors logger/formatter logger/log_device logger/severity logger/version
logger/log_device: logger/period
matrix: matrix/version
net/ftp: date date_core digest net/protocol openssl time timeout
net/http: net/protocol timeout uri zlib
net/http/status: net/http net/protocol timeout uri zlib
net/https: digest net/http net/protocol openssl timeout uri zlib
net/imap: digest net/protocol openssl timeout
net/pop: digest net/protocol openssl timeout
net/protocol: timeout
net/smtp: digest net/protocol openssl timeout
objspace/trace: objspace
open-uri: date date_core stringio time uri
open3: open3/version
openssl: digest openssl/bn openssl/cipher openssl/digest openssl/hmac openssl/marshal
openssl: openssl/pkcs5 openssl/pkey openssl/version openssl/x509
openssl/pkey: openssl/marshal
openssl/x509: openssl/marshal
optparse/date: date
optparse/shellwords: shellwords
optparse/time: time
optparse/uri: uri
prime: forwardable singleton
pstore: digest
psych: forwardable psych/class_loader psych/coder psych/core_ext psych/exception psych/handler
psych: psych/handlers/document_stream psych/json/ruby_events psych/json/yaml_events
psych: psych/nodes/node psych/omap psych/parser psych/scalar_scanner psych/set psych/streaming
psych: psych/syntax_error psych/tree_builder psych/versions psych/visitors
psych: psych/visitors/visitor stringio
psych/class_loader: psych/omap psych/set
psych/handlers/document_stream: psych/tree_builder
psych/handlers/recorder: psych/handler
psych/nodes/node: psych/class_loader psych/scalar_scanner stringio
psych/syntax_error: psych/exception
psych/tree_builder: psych/handler
psych/visitors: psych/class_loader psych/exception psych/json/ruby_events psych/scalar_scanner
psych/visitors: psych/tree_builder psych/visitors/visitor
resolv: securerandom timeout
resolv-replace: resolv
rexml: rexml/document
rexml/attlistdecl: rexml/child rexml/source
rexml/attribute: rexml/text
rexml/cdata: rexml/text
rexml/child: rexml/node
rexml/comment: rexml/child
rexml/doctype: rexml/attlistdecl rexml/entity rexml/namespace rexml/parent
rexml/document: rexml/comment rexml/element rexml/instruction rexml/output
rexml/document: rexml/parsers/streamparser rexml/parsers/treeparser rexml/rexml
rexml/dtd/attlistdecl: rexml/child
rexml/dtd/dtd: rexml/comment rexml/dtd/attlistdecl rexml/dtd/elementdecl rexml/dtd/entitydecl
rexml/dtd/dtd: rexml/dtd/notationdecl rexml/parent
rexml/dtd/elementdecl: rexml/child
rexml/dtd/entitydecl: rexml/child
rexml/dtd/notationdecl: rexml/child
rexml/element: rexml/cdata rexml/xpath
rexml/entity: rexml/child rexml/source rexml/xmltokens
rexml/formatters/pretty: rexml/formatters/default
rexml/formatters/transitive: rexml/formatters/pretty
rexml/instruction: rexml/child rexml/source
rexml/light/node: rexml/xmltokens
rexml/namespace: rexml/xmltokens
rexml/node: rexml/formatters/pretty rexml/parseexception
rexml/output: rexml/encoding
rexml/parent: rexml/child
rexml/parsers/baseparser: rexml/source rexml/undefinednamespaceexception set
rexml/parsers/lightparser: rexml/light/node rexml/parsers/streamparser
rexml/parsers/pullparser: forwardable rexml/encoding rexml/parseexception
rexml/parsers/pullparser: rexml/parsers/baseparser rexml/source
rexml/parsers/pullparser: rexml/undefinednamespaceexception rexml/xmltokens set
rexml/parsers/sax2parser: rexml/parsers/baseparser rexml/text
rexml/parsers/streamparser: rexml/parsers/baseparser
rexml/parsers/treeparser: rexml/undefinednamespaceexception rexml/validation/validationexception
rexml/parsers/ultralightparser: rexml/parsers/streamparser
rexml/parsers/xpathparser: rexml/namespace
rexml/quickpath: rexml/functions rexml/xmltokens
rexml/source: rexml/encoding
rexml/text: rexml/doctype rexml/security
rexml/undefinednamespaceexception: rexml/parseexception
rexml/validation/relaxng: rexml/parsers/baseparser rexml/validation/validation
rexml/validation/validation: rexml/validation/validationexception
rexml/xpath: rexml/functions rexml/xpath_parser
rexml/xpath_parser: rexml/attribute rexml/parsers/xpathparser
rinda/ring: rinda/rinda
rinda/tuplespace: forwardable rinda/rinda
ripper: ripper/filter ripper/sexp
ripper/core: ripper
ripper/filter: ripper ripper/core ripper/lexer
ripper/lexer: ripper ripper/core
ripper/sexp: ripper ripper/core
rss: English date date_core forwardable open-uri rss/0.9 rss/1.0 rss/2.0 rss/atom rss/converter
rss: rss/image rss/itunes rss/maker rss/maker/atom rss/maker/base rss/parser rss/rss rss/slash
rss: rss/syndication rss/taxonomy rss/trackback rss/utils rss/version rss/xml rss/xml-stylesheet
rss: set stringio time uri
rss/0.9: English date date_core forwardable open-uri rss/converter rss/parser rss/rss rss/utils
rss/0.9: rss/xml rss/xml-stylesheet set stringio time uri
rss/1.0: English date date_core forwardable open-uri rss/converter rss/parser rss/rss rss/utils
rss/1.0: rss/xml rss/xml-stylesheet set stringio time uri
rss/2.0: English date date_core forwardable open-uri rss/0.9 rss/converter rss/parser rss/rss
rss/2.0: rss/utils rss/xml rss/xml-stylesheet set stringio time uri
rss/atom: English date date_core forwardable open-uri rss/converter rss/parser rss/rss rss/utils
rss/atom: rss/xml rss/xml-stylesheet set stringio time uri
rss/converter: rss/utils
rss/image: English date date_core forwardable open-uri rss/0.9 rss/1.0 rss/2.0 rss/atom
rss/image: rss/converter rss/parser rss/rss rss/utils rss/xml rss/xml-stylesheet set stringio
rss/image: time uri
rss/itunes: English date date_core forwardable open-uri rss/0.9 rss/2.0 rss/converter rss/parser
rss/itunes: rss/rss rss/utils rss/xml rss/xml-stylesheet set stringio time uri
rss/maker: English date date_core forwardable open-uri rss/0.9 rss/1.0 rss/2.0 rss/atom
rss/maker: rss/converter rss/image rss/itunes rss/maker/atom rss/maker/base rss/parser rss/rss
rss/maker: rss/slash rss/syndication rss/taxonomy rss/trackback rss/utils rss/xml rss/xml-
rss/maker: stylesheet set stringio time uri
rss/maker/atom: English date date_core forwardable open-uri rss/atom rss/converter
rss/maker/atom: rss/maker/base rss/parser rss/rss rss/utils rss/xml rss/xml-stylesheet set
rss/maker/atom: stringio time uri
rss/maker/base: English date date_core forwardable rss/converter rss/rss rss/utils rss/xml-
rss/maker/base: stylesheet time
rss/parser: English date date_core forwardable open-uri rss/converter rss/rss rss/utils rss/xml
rss/parser: rss/xml-stylesheet set stringio time uri
rss/rss: English rss/converter rss/xml-stylesheet time
rss/slash: English date date_core forwardable open-uri rss/1.0 rss/converter rss/parser rss/rss
rss/slash: rss/utils rss/xml rss/xml-stylesheet set stringio time uri
rss/syndication: English date date_core forwardable open-uri rss/1.0 rss/converter rss/parser
rss/syndication: rss/rss rss/utils rss/xml rss/xml-stylesheet set stringio time uri
rss/taxonomy: English date date_core forwardable open-uri rss/0.9 rss/1.0 rss/2.0 rss/atom
rss/taxonomy: rss/converter rss/parser rss/rss rss/utils rss/xml rss/xml-stylesheet set stringio
rss/taxonomy: time uri
rss/trackback: English date date_core forwardable open-uri rss/0.9 rss/1.0 rss/2.0 rss/converter
rss/trackback: rss/parser rss/rss rss/utils rss/xml rss/xml-stylesheet set stringio time uri
rss/xml: rss/utils
rss/xml-stylesheet: rss/utils
syslog/logger: logger syslog
tempfile: delegate tmpdir
time: date
unicode_normalize/normalize: unicode_normalize/tables
uri: uri/file uri/ftp uri/https uri/ldaps uri/mailto uri/version uri/ws
uri/common: uri/rfc2396_parser uri/rfc3986_parser
uri/file: uri/generic
uri/ftp: uri/generic
uri/generic: uri/common
uri/http: uri/generic
uri/https: uri/http
uri/ldap: uri/generic
uri/ldaps: uri/ldap
uri/mailto: uri/generic
uri/ws: uri/generic
uri/wss: uri/ws
weakref: delegate
yaml: forwardable psych stringio
yaml/store: digest forwardable pstore psych stringio yaml
""".strip().splitlines():
    _name, _brought = _line.split(": ")
    DIRECT_LOADS.setdefault(_name, []).extend(_brought.split())
