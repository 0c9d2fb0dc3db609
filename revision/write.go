package revision

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// storedExt lists extensions of formats that are already compressed; Pack
// stores them instead of deflating them again (deflate would spend CPU to gain
// nothing, or grow them).
var storedExt = map[string]bool{
	".jar": true, ".war": true, ".ear": true, ".zip": true, ".apk": true, ".aab": true, ".whl": true, ".nupkg": true,
	".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".txz": true, ".zst": true, ".lz4": true, ".7z": true, ".rar": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".heic": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".mov": true, ".ogg": true, ".webm": true,
	".woff": true, ".woff2": true, ".docx": true, ".xlsx": true, ".pptx": true, ".odt": true,
}

func storedByName(name string) bool { return storedExt[strings.ToLower(path.Ext(name))] }

// opener opens a regular file of the tree for reading.
type opener func(name string) (io.ReadCloser, error)

// result is one compressed (or stored) entry, ready to be written raw.
type result struct {
	done   chan struct{}
	err    error
	method uint16
	crc    uint32
	csize  int64
	data   *bytes.Buffer // in-memory payload, or nil
	spill  *os.File      // spilled payload, or nil
	reread bool          // stored payload read again from the tree
	cost   int64
}

// budget is a counting semaphore on bytes held in memory.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	avail int64
}

func newBudget(n int64) *budget {
	b := &budget{avail: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *budget) acquire(n int64) {
	b.mu.Lock()
	for b.avail < n {
		b.cond.Wait()
	}
	b.avail -= n
	b.mu.Unlock()
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.avail += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// copyBufPool holds read buffers for streaming large entries.
var copyBufPool = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// errChanged reports a file that changed size or content while being packed.
var errChanged = errors.New("changed while it was being packed")

// writeZip writes entries (sorted) as a deterministic zip to w. Files are
// compressed in parallel by o.workers goroutines into buffers bounded by
// o.memBudget; entries too large for a buffer are compressed into a spill
// file in spillDir. Entries are written in order with CreateRaw, so the bytes
// depend only on the files' names, contents and executable bits.
func writeZip(w io.Writer, open opener, entries []entry, o *options, spillDir string) (err error) {
	zw := zip.NewWriter(w)
	results := make([]*result, len(entries))
	for i := range results {
		results[i] = &result{done: make(chan struct{})}
	}
	// Small entries are held in memory (a file's compressed form is never
	// larger than the file: incompressible data is stored). Larger ones spill.
	spillAt := min(o.memBudget/8, 4<<20)
	const streamCost = 320 << 10 // read buffer + compressor window for a spilled entry
	b := newBudget(o.memBudget)

	stop := make(chan struct{})
	var stopOnce sync.Once
	abort := func() { stopOnce.Do(func() { close(stop) }) }
	defer abort()

	jobs := make(chan int)
	go func() { // dispatcher: in order, so the writer never waits for an undispatched entry
		defer close(jobs)
		for i, e := range entries {
			cost := int64(streamCost)
			if e.size <= spillAt {
				cost = max(e.size, 512)
			}
			results[i].cost = cost
			b.acquire(cost)
			select {
			case jobs <- i:
			case <-stop:
				b.release(cost)
				results[i].cost = 0
				for _, r := range results[i:] {
					r.err = errAborted
					close(r.done)
				}
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(o.workers, max(len(entries), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &compressor{level: o.level}
			for i := range jobs {
				r := results[i]
				select {
				case <-stop:
					r.err = errAborted
				default:
					c.do(open, entries[i], r, spillAt, spillDir)
				}
				close(r.done)
			}
		}()
	}
	defer func() {
		abort()
		// Drain: release everything so the dispatcher and workers finish, and
		// remove spill files.
		for _, r := range results {
			<-r.done
			r.free()
			b.release(r.cost)
			r.cost = 0
		}
		wg.Wait()
	}()

	date, tim := msDos(o.modTime)
	for i, e := range entries {
		r := results[i]
		<-r.done
		if r.err != nil {
			return fmt.Errorf("%s: %w", e.name, r.err)
		}
		fh := &zip.FileHeader{
			Name:               e.name,
			Method:             r.method,
			CRC32:              r.crc,
			CompressedSize64:   uint64(r.csize),
			UncompressedSize64: uint64(e.size),
			ModifiedDate:       date,
			ModifiedTime:       tim,
		}
		mode := os.FileMode(0o644)
		if e.exec {
			mode = 0o755
		}
		fh.SetMode(mode)
		fh.CreatorVersion = fh.CreatorVersion&0xff00 | 20
		fh.ReaderVersion = 20
		if e.size >= 1<<32-1 || r.csize >= 1<<32-1 {
			fh.ReaderVersion = 45
		}
		if !isASCII(e.name) {
			fh.Flags |= 0x800 // names are valid UTF-8 (checked by the walk)
		}
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		switch {
		case r.data != nil:
			_, err = fw.Write(r.data.Bytes())
		case r.spill != nil:
			if _, err = r.spill.Seek(0, io.SeekStart); err == nil {
				var n int64
				n, err = io.Copy(fw, r.spill)
				if err == nil && n != r.csize {
					err = fmt.Errorf("spill file shrank")
				}
			}
		case r.reread:
			err = copyStored(fw, open, e, r.crc)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		r.free()
		b.release(r.cost)
		r.cost = 0
	}
	return zw.Close()
}

var errAborted = errors.New("aborted")

func (r *result) free() {
	if r.data != nil {
		r.data.Reset()
		if r.data.Cap() <= 8<<20 {
			bufPool.Put(r.data)
		}
		r.data = nil
	}
	if r.spill != nil {
		name := r.spill.Name()
		r.spill.Close()
		os.Remove(name)
		r.spill = nil
	}
}

// copyStored copies a stored file from the tree again, checking that it still
// has the size and CRC computed by the worker.
func copyStored(dst io.Writer, open opener, e entry, crc uint32) error {
	f, err := open(e.name)
	if err != nil {
		return err
	}
	defer f.Close()
	h := crc32.NewIEEE()
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	n, err := io.CopyBuffer(io.MultiWriter(dst, h), io.LimitReader(f, e.size+1), *bp)
	if err != nil {
		return err
	}
	if n != e.size || h.Sum32() != crc {
		return errChanged
	}
	return nil
}

// compressor is one worker's reusable state.
type compressor struct {
	level int
	fw    deflater
}

func (c *compressor) deflate(w io.Writer) deflater {
	if c.fw == nil {
		c.fw = newDeflater(w, c.level)
	} else {
		c.fw.Reset(w)
	}
	return c.fw
}

func (c *compressor) do(open opener, e entry, r *result, spillAt int64, spillDir string) {
	f, err := open(e.name)
	if err != nil {
		r.err = err
		return
	}
	defer f.Close()
	store := e.size == 0 || storedByName(e.name)
	if e.size > spillAt {
		r.err = c.large(f, e, r, store, spillDir)
		return
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Grow(int(e.size) + 1)
	n, err := buf.ReadFrom(io.LimitReader(f, e.size+1))
	if err == nil && n != e.size {
		err = errChanged
	}
	if err != nil {
		bufPool.Put(buf)
		r.err = err
		return
	}
	raw := buf.Bytes()
	r.crc = crc32.ChecksumIEEE(raw)
	if !store {
		out := bufPool.Get().(*bytes.Buffer)
		out.Reset()
		out.Grow(len(raw) / 2)
		fw := c.deflate(out)
		_, err := fw.Write(raw)
		if err == nil {
			err = fw.Close()
		}
		if err != nil {
			r.err = err
			bufPool.Put(out)
			bufPool.Put(buf)
			return
		}
		if out.Len() < len(raw) {
			bufPool.Put(buf)
			r.method, r.csize, r.data = zip.Deflate, int64(out.Len()), out
			return
		}
		bufPool.Put(out)
	}
	r.method, r.csize, r.data = zip.Store, int64(len(raw)), buf
}

// large handles an entry above the in-memory threshold: a stored one only gets
// its CRC computed here (the writer copies it again from the tree); a
// deflated one is compressed into a spill file.
func (c *compressor) large(f io.Reader, e entry, r *result, store bool, spillDir string) error {
	h := crc32.NewIEEE()
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	if store {
		n, err := io.CopyBuffer(h, io.LimitReader(f, e.size+1), *bp)
		if err != nil {
			return err
		}
		if n != e.size {
			return errChanged
		}
		r.method, r.crc, r.csize, r.reread = zip.Store, h.Sum32(), e.size, true
		return nil
	}
	sp, err := os.CreateTemp(spillDir, ".bgspec-spill-*")
	if err != nil {
		return err
	}
	r.spill = sp
	cw := &countWriter{w: sp}
	fw := c.deflate(cw)
	n, err := io.CopyBuffer(io.MultiWriter(fw, h), io.LimitReader(f, e.size+1), *bp)
	if err == nil {
		err = fw.Close()
	}
	if err != nil {
		return err
	}
	if n != e.size {
		return errChanged
	}
	r.crc = h.Sum32()
	if cw.n >= e.size { // incompressible: store it, copied again from the tree
		r.free()
		r.method, r.csize, r.reread = zip.Store, e.size, true
		return nil
	}
	r.method, r.csize = zip.Deflate, cw.n
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// msDos converts t (UTC) to the MS-DOS date and time fields of a zip header.
func msDos(t time.Time) (date, tim uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = zipEpoch
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tim = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tim
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func sortEntries(es []entry) {
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.name, b.name) })
}
