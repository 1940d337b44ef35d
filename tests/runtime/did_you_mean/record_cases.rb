# Records what the original NCG (Ruby 3.1, with did_you_mean) says for each
# template of a JSON case file: run by record.py, never by the tests.
#
#   ruby -W0 -I ORIG_NCG/lib -rnetomata -roptparse record_cases.rb cases.json
#
# Each case {"template": …} gets "output" (the rendered text) and "error"
# ("Class: whole message", suggestions included, or null); object addresses
# in a message read 0xADDR.
require 'json'

cases = JSON.parse(File.read(ARGV[0]))
cases.each do |c|
  begin
    c["output"] = Netomata::Template.new("t.ncg", 1, c["template"]).result_from_vars({})
    c["error"] = nil
  rescue Exception => e
    c["output"] = nil
    c["error"] = "#{e.class}: #{e.message.gsub(/0x\h+/, '0xADDR')}"
  end
end
File.write(ARGV[0], JSON.pretty_generate(cases) + "\n")
