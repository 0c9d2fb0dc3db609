package taskdef

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/internal/secretshape"
)

var (
	pemPrivateKey = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)
	secretWords   = []string{"PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATEKEY", "PRIVATE_KEY", "CREDENTIAL", "ACCESSKEY", "ACCESS_KEY"}
	// Names that hold a reference to a secret, or a setting about one,
	// rather than the secret itself.
	referenceSuffix = []string{"_ARN", "_FILE", "_PATH", "_URL", "_URI", "_NAME", "_ID", "_REGION", "_ENDPOINT",
		"_HOST", "_PORT", "_LENGTH", "_TTL", "_EXPIRY", "_EXPIRES", "_EXPIRATION", "_TIMEOUT", "_ENABLED",
		"_HEADER", "_TYPE", "_ALGORITHM", "_POLICY", "_PARAMETER", "_PARAM", "_KEY_ID", "_SSM", "_LOCATION"}
)

// secretKind says what a plain-text environment value looks like ("" when
// it does not look secret). It never returns the value. The heuristics follow
// ROBUSTNESS.md §5.3: the gitleaks key-id pattern restricted to base32, a
// 40-character high-entropy token (not a hex hash), PEM private keys, and
// secret-sounding names whose value is not a reference, number or
// placeholder. The AWS documentation's example keys (…EXAMPLE, …EXAMPLEKEY)
// are allowed so that test fixtures pass.
func secretKind(name, value string) string {
	if secretshape.FindKeyID(value) != nil {
		return "an AWS access key id"
	}
	if strings.Contains(value, "PRIVATE KEY-----") && pemPrivateKey.MatchString(value) {
		return "a private key"
	}
	if secretshape.SecretKey(value) {
		return "an AWS secret access key"
	}
	upper := strings.ToUpper(name)
	if !secretLikeName(upper) || benignValue(value) {
		return ""
	}
	for _, suf := range referenceSuffix {
		if strings.HasSuffix(upper, suf) {
			return ""
		}
	}
	return "a password or token (judging by its name)"
}

// secretLikeName reports whether an upper-case variable name contains a word
// that names a secret.
func secretLikeName(upper string) bool {
	for _, w := range secretWords {
		if strings.Contains(upper, w) {
			return true
		}
	}
	return false
}

// benignValue reports values that cannot be the secret itself: references,
// placeholders, numbers, booleans.
func benignValue(v string) bool {
	t := strings.TrimSpace(v)
	if len(t) < 4 || hasPlaceholder(t) || strings.HasPrefix(t, "${") || strings.HasPrefix(t, "$(") {
		return true
	}
	for _, p := range []string{"arn:", "/", "http://", "https://", "s3://", "file:", "ssm:", "secretsmanager:"} {
		if strings.HasPrefix(strings.ToLower(t), p) {
			return true
		}
	}
	switch strings.ToLower(t) {
	case "true", "false", "none", "null", "disabled", "enabled", "changeme":
		// "changeme" is a placeholder, still a plain-text default but not a leak.
		return true
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return true
	}
	return false
}

func (c *checker) environment(i int, cd *ContainerDefinition) {
	for k, kv := range cd.Environment {
		if kv.Value == "" {
			continue
		}
		if kind := secretKind(kv.Name, kv.Value); kind != "" {
			c.r.At(c.cp(i, "environment", strconv.Itoa(k), "value"), RulePlaintextSecret,
				"environment variable %q holds a plain-text value that looks like %s (value not shown): move it to \"secrets\": [{\"name\": %q, \"valueFrom\": \"<SSM parameter or Secrets Manager ARN>\"}] and rotate it",
				kv.Name, kind, kv.Name)
		}
	}
}
