# Records what the original NCG (Ruby 3.1) makes of each template in a JSON
# case file: run by tests/ruby/record.py, never by the tests themselves.
#
#   ruby -W0 -I ORIG_NCG/lib -rnetomata -rjson -rstringio record.rb CASES.json
#
# Each case {"template": …} gets "output" (the rendered text), "stdout" and
# "stderr" (what the template printed) and "error" ("Class: message", or
# null) with "error_line", as
# Netomata::Template renders a file named t.ncg with no instance variables.
require 'json'
require 'stringio'

cases = JSON.parse(File.read(ARGV[0]))
cases.each do |c|
  out = StringIO.new
  err = StringIO.new
  saved = [$stdout, $stderr]
  $stdout = out
  $stderr = err
  begin
    c["output"] = Netomata::Template.new("t.ncg", 1, c["template"]).result_from_vars({})
    c["error"] = nil
  rescue Exception => e
    c["output"] = nil
    c["error"] = "#{e.class}: #{e.message.lines.first.to_s.chomp}"
    where = (e.backtrace || []).find { |l| l.start_with?("t.ncg:") }
    c["error_line"] = where ? where.split(":")[1].to_i : nil
  ensure
    $stdout, $stderr = saved
  end
  c["stdout"] = out.string
  c["stderr"] = err.string
end
File.write(ARGV[0], JSON.pretty_generate(cases) + "\n")
