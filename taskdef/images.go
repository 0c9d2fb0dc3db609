package taskdef

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// ImageRef is a parsed container image reference. Registry and Repository
// keep the text as written, so String reproduces the reference and a tag
// change keeps the repository exactly.
type ImageRef struct {
	// Registry is the host[:port] as written, or "" for a Docker Hub short
	// form such as "nginx" or "bitnami/redis".
	Registry string
	// Repository is the path after the registry, as written ("nginx",
	// "team/app/api").
	Repository string
	// Tag is the tag, "" when absent (Docker then pulls "latest").
	Tag string
	// Digest is "algorithm:hex" (for example "sha256:…"), "" when absent.
	Digest string
}

var (
	ecrHost    = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)
	tagRE      = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	pathCompRE = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`)
	hostRE     = regexp.MustCompile(`^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$`)
	digestRE   = regexp.MustCompile(`^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$`)
)

// ParseImageRef parses an image reference: [registry[:port]/]path[:tag][@digest].
// The first path component is a registry when it contains "." or ":" or is
// "localhost". A sha256 digest must have exactly 64 hex digits.
// Placeholders such as <IMAGE1_NAME> are not image references.
func ParseImageRef(s string) (ImageRef, error) {
	var r ImageRef
	switch {
	case s == "":
		return r, errors.New("the image reference is empty")
	case strings.ContainsFunc(s, isSpace):
		return r, fmt.Errorf("the image reference %q contains whitespace", s)
	case strings.ContainsAny(s, "<>"):
		return r, fmt.Errorf("%q is a placeholder, not an image reference", s)
	}
	name := s
	if at := strings.IndexByte(name, '@'); at >= 0 {
		r.Digest = name[at+1:]
		name = name[:at]
		if !digestRE.MatchString(r.Digest) {
			return ImageRef{}, fmt.Errorf("image %q: the digest %q is not algorithm:hex", s, r.Digest)
		}
		if alg, hex, _ := strings.Cut(r.Digest, ":"); alg == "sha256" && len(hex) != 64 {
			return ImageRef{}, fmt.Errorf("image %q: a sha256 digest has 64 hex digits, not %d", s, len(hex))
		}
	}
	slash := strings.LastIndexByte(name, '/')
	if colon := strings.LastIndexByte(name, ':'); colon > slash {
		r.Tag = name[colon+1:]
		name = name[:colon]
		if !tagRE.MatchString(r.Tag) {
			return ImageRef{}, fmt.Errorf("image %q: the tag %q must be 1–128 of [A-Za-z0-9_.-], not starting with . or -", s, r.Tag)
		}
	}
	if first, rest, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		if !hostRE.MatchString(first) {
			return ImageRef{}, fmt.Errorf("image %q: %q is not a registry host[:port]", s, first)
		}
		r.Registry, name = first, rest
	}
	if name == "" {
		return ImageRef{}, fmt.Errorf("image %q has no repository", s)
	}
	for _, comp := range strings.Split(name, "/") {
		if !pathCompRE.MatchString(comp) {
			return ImageRef{}, fmt.Errorf("image %q: repository component %q must be lower-case letters and digits separated by ., _, __ or -", s, comp)
		}
	}
	r.Repository = name
	return r, nil
}

// Name returns registry/repository as written (no tag, no digest).
func (r ImageRef) Name() string {
	if r.Registry == "" {
		return r.Repository
	}
	return r.Registry + "/" + r.Repository
}

// String returns the reference as written: Name[:Tag][@Digest].
func (r ImageRef) String() string {
	s := r.Name()
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

// Domain returns the registry, "docker.io" for Docker Hub short forms.
func (r ImageRef) Domain() string {
	if r.Registry == "" {
		return "docker.io"
	}
	return r.Registry
}

// DockerHub reports whether the image comes from Docker Hub.
func (r ImageRef) DockerHub() bool {
	switch r.Domain() {
	case "docker.io", "index.docker.io", "registry-1.docker.io":
		return true
	}
	return false
}

// FullRepository returns the repository with Docker Hub's implicit
// "library/" prefix for official images ("nginx" → "library/nginx").
func (r ImageRef) FullRepository() string {
	if r.DockerHub() && !strings.Contains(r.Repository, "/") {
		return "library/" + r.Repository
	}
	return r.Repository
}

// ECR reports whether the image is in a private Amazon ECR registry
// (ACCOUNT.dkr.ecr.REGION.amazonaws.com).
func (r ImageRef) ECR() bool { return ecrHost.MatchString(r.Registry) }

// ECRPublic reports whether the image is in Amazon ECR Public.
func (r ImageRef) ECRPublic() bool { return r.Registry == "public.ecr.aws" }

// Account returns the AWS account id of a private ECR registry, or "".
func (r ImageRef) Account() string {
	if m := ecrHost.FindStringSubmatch(r.Registry); m != nil {
		return m[1]
	}
	return ""
}

// Region returns the AWS Region of a private ECR registry, or "".
func (r ImageRef) Region() string {
	if m := ecrHost.FindStringSubmatch(r.Registry); m != nil {
		return m[2]
	}
	return ""
}

// SetImages sets the image of each container named in images (container
// name → image). Names match exactly, never by prefix or repository. When a
// name is unknown (or used by two containers), or an image is empty or holds
// whitespace, SetImages returns an error and changes nothing.
func SetImages(td *TaskDefinition, images map[string]string) error {
	idx, err := resolve(td, images)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(images)) {
		img := images[name]
		if strings.TrimSpace(img) == "" || strings.ContainsFunc(img, isSpace) {
			return fmt.Errorf("set image of container %q: the image %q is empty or contains whitespace", name, img)
		}
	}
	for name, i := range idx {
		td.ContainerDefinitions[i].Image = images[name]
	}
	return nil
}

// SetTags replaces the tag (and drops any digest) of each container named in
// tags (container name → tag), keeping the registry and repository as
// written. Errors as in SetImages; a container whose image is a placeholder
// or not a valid reference is an error too. Nothing changes on error.
func SetTags(td *TaskDefinition, tags map[string]string) error {
	idx, err := resolve(td, tags)
	if err != nil {
		return err
	}
	next := make(map[int]string, len(idx))
	for _, name := range slices.Sorted(maps.Keys(tags)) {
		i, tag := idx[name], tags[name]
		if !tagRE.MatchString(tag) {
			return fmt.Errorf("set tag of container %q: %q is not a tag (1–128 of [A-Za-z0-9_.-], not starting with . or -)", name, tag)
		}
		ref, err := ParseImageRef(td.ContainerDefinitions[i].Image)
		if err != nil {
			return fmt.Errorf("set tag of container %q: %w", name, err)
		}
		ref.Tag, ref.Digest = tag, ""
		next[i] = ref.String()
	}
	for i, img := range next {
		td.ContainerDefinitions[i].Image = img
	}
	return nil
}

// resolve maps every requested container name to its index, or explains
// which names are unknown or ambiguous.
func resolve(td *TaskDefinition, want map[string]string) (map[string]int, error) {
	if td == nil {
		return nil, errors.New("no task definition")
	}
	idx := make(map[string]int, len(want))
	var unknown, ambiguous []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		found := -1
		for i, cd := range td.ContainerDefinitions {
			if cd.Name != name {
				continue
			}
			if found >= 0 {
				ambiguous = append(ambiguous, name)
				break
			}
			found = i
		}
		if found < 0 {
			unknown = append(unknown, name)
			continue
		}
		idx[name] = found
	}
	if len(unknown) > 0 {
		var known []string
		for _, cd := range td.ContainerDefinitions {
			known = append(known, fmt.Sprintf("%q", cd.Name))
		}
		if len(known) == 0 {
			known = []string{"(none)"}
		}
		return nil, fmt.Errorf("no container named %s; the containers are %s (names match exactly)", quoteAll(unknown), strings.Join(known, ", "))
	}
	if len(ambiguous) > 0 {
		return nil, fmt.Errorf("more than one container is named %s: make container names unique first", quoteAll(ambiguous))
	}
	return idx, nil
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
