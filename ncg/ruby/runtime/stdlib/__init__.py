"""The libraries of Ruby's standard distribution that ncg implements, one
module each, defining their constants and methods for `require` (see
`ncg.ruby.runtime.libraries`)."""
