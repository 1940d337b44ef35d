# Records the names Ruby 3.1's did_you_mean picks suggestions from, as the
# original NCG sees them, into ncg/ruby/runtime/did_you_mean_names.json:
#
#   ruby -W0 -I /work/orig-ncg/lib -rnetomata -roptparse \
#       tests/runtime/did_you_mean/record_names.rb ncg/ruby/runtime/did_you_mean_names.json
#
# (bin/ncg loads netomata and optparse; the names are collected before json is
# required, since json adds `to_json` to every object.)
#
# "methods": for each class, receiver.methods + receiver.singleton_methods,
#   deduplicated, in Ruby's order (what a call with a receiver is checked against);
# "private": receiver.private_methods (added for a receiverless call);
# "nil_excluded": what is never proposed for nil; "reserved_for_*": the keywords
#   proposed for a receiverless call / an undefined name;
# "constants": the constants of each scope a template's constant is looked up in.
samples = {
  "String" => "x", "Symbol" => :x, "Integer" => 1, "Float" => 1.5, "Array" => [1],
  "Hash" => {}, "Range" => (1..2), "NilClass" => nil, "TrueClass" => true,
  "FalseClass" => false, "Regexp" => /x/, "MatchData" => "x".match(/x/),
  "Time" => Time.at(0), "Netomata::Node" => Netomata::Node.new,
  "IPAddr" => IPAddr.new("10.0.0.1"), "Netomata::IPAddr" => Netomata::IPAddr.new("10.0.0.1"),
  "Netomata::Template::Context" => Netomata::Template::Context.new({}),
}
names = {"methods" => {}, "private" => {}, "constants" => {}}
samples.each do |cls, recv|
  names["methods"][cls] = (recv.methods + recv.singleton_methods).uniq.map(&:to_s)
  names["private"][cls] = recv.private_methods.map(&:to_s)
end
[Object, Netomata, Netomata::Template, Netomata::Template::Context].each do |scope|
  names["constants"][scope.to_s] = scope.constants.map(&:to_s)
end
names["nil_excluded"] = nil.methods.map(&:to_s)
names["reserved_for_methods"] = DidYouMean::MethodNameChecker::RB_RESERVED_WORDS.map(&:to_s)
names["reserved_for_variables"] = DidYouMean::VariableNameChecker::RB_RESERVED_WORDS.map(&:to_s)
names["class_variables"] = Netomata::Template::Context.class_variables.map(&:to_s)
require 'json'
File.write(ARGV[0], JSON.generate(names) + "\n")
