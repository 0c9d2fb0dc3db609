package revision

import (
	"archive/zip"
	"context"
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
	data   []byte   // in-memory payload (a pooled buffer), or nil
	spill  *os.File // spilled payload, or nil
	reread bool     // stored payload read again from the tree
	cost   int64    // budget held until the entry is written
	idx    int      // index into the sorted entries
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

// Byte buffers come from pools of power-of-two capacities, so the memory an
// entry holds is at most twice its size and the budget accounts for it.
const (
	minBucket = 12 // 4 KiB
	maxBucket = 24 // 16 MiB
)

var bytePools [maxBucket + 1]sync.Pool

func bucketOf(n int) int {
	b := minBucket
	for b < maxBucket && 1<<b < n {
		b++
	}
	return b
}

// bufCap is the capacity getBuf returns for n bytes.
func bufCap(n int) int64 { return 1 << bucketOf(n) }

func getBuf(n int) []byte {
	b := bucketOf(n)
	if p, ok := bytePools[b].Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, 1<<b)
}

func putBuf(buf []byte) {
	c := cap(buf)
	if c < 1<<minBucket || c > 1<<maxBucket || c&(c-1) != 0 {
		return
	}
	buf = buf[:0]
	bytePools[bucketOf(c)].Put(&buf)
}

// fixedWriter appends to a buffer without growing it; a write that does not
// fit fails with errFull (the entry is then stored instead).
type fixedWriter struct{ buf []byte }

var errFull = errors.New("compressed data larger than the input")

func (w *fixedWriter) Write(p []byte) (int, error) {
	if len(w.buf)+len(p) > cap(w.buf) {
		return 0, errFull
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// copyBufPool holds read buffers for streaming large entries.
var copyBufPool = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// errChanged reports a file that changed size or content while being packed.
var errChanged = errors.New("changed while it was being packed")

// writeZip writes entries (sorted) as a deterministic zip to w. Files are
// compressed in parallel by o.workers goroutines into buffers bounded by
// o.memBudget; entries too large for a buffer are compressed into a spill
// file in spillDir. Entries are written in order as raw entries, so the bytes
// depend only on the files' names, contents and executable bits.
//
// When ctx is done, every read of a file fails with ctx.Err(), so the
// workers and the writer stop within one read buffer, and writeZip returns
// an error wrapping ctx.Err().
func writeZip(ctx context.Context, w io.Writer, open opener, entries []entry, o *options, spillDir string) (err error) {
	open = ctxOpener(ctx, open)
	cdSize := 0
	for _, e := range entries {
		cdSize += 46 + len(e.name)
	}
	zw := &zipWriter{w: w, cd: make([]byte, 0, cdSize)}
	// Small entries are held in memory (a file's compressed form is never
	// larger than the file: incompressible data is stored). Larger ones spill.
	spillAt := min(o.memBudget/8, 4<<20)
	const streamCost = 320 << 10 // read buffer + compressor window for a spilled entry
	b := newBudget(o.memBudget)

	stop := make(chan struct{})
	var stopOnce sync.Once
	abort := func() { stopOnce.Do(func() { close(stop) }) }

	// The dispatcher hands entries to the workers in order and queues their
	// results in the same order for the writer; the queue's capacity bounds
	// the number of entries in flight, the budget their bytes.
	queue := make(chan *result, 256)
	jobs := make(chan *result)
	go func() {
		defer close(queue)
		defer close(jobs)
		for i, e := range entries {
			cost := int64(streamCost)
			if e.size <= spillAt {
				cost = 2 * bufCap(int(e.size)) // input + compressed output
			}
			b.acquire(cost)
			r := &result{done: make(chan struct{}), cost: cost, idx: i}
			select {
			case queue <- r:
			case <-stop:
				b.release(cost)
				return
			}
			select {
			case jobs <- r:
			case <-stop:
				r.err = errAborted
				close(r.done)
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(o.workers, max(len(entries), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &compressor{}
			for r := range jobs {
				select {
				case <-stop:
					r.err = errAborted
				default:
					c.do(open, entries[r.idx], r, spillAt, spillDir)
				}
				close(r.done)
			}
		}()
	}
	defer func() {
		abort()
		// Drain: release everything so the dispatcher and workers finish, and
		// remove spill files.
		for r := range queue {
			<-r.done
			r.free()
			b.release(r.cost)
		}
		wg.Wait()
	}()

	date, tim := msDos(o.modTime)
	for r := range queue {
		e := entries[r.idx]
		<-r.done
		err := r.err
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		if err == nil {
			err = writeEntry(zw, open, e, r, date, tim)
		}
		r.free()
		b.release(r.cost)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
	}
	return zw.close()
}

// writeEntry writes one prepared entry.
func writeEntry(zw *zipWriter, open opener, e entry, r *result, date, tim uint16) error {
	mode := uint32(0o100644) // regular file
	if e.exec {
		mode = 0o100755
	}
	err := zw.create(rawHeader{name: e.name, method: r.method, date: date, time: tim, crc: r.crc,
		csize: uint64(r.csize), usize: uint64(e.size), mode: mode})
	if err != nil {
		return err
	}
	switch {
	case r.data != nil:
		_, err = zw.Write(r.data)
	case r.spill != nil:
		if _, err = r.spill.Seek(0, io.SeekStart); err == nil {
			var n int64
			n, err = io.Copy(zw, r.spill)
			if err == nil && n != r.csize {
				err = errors.New("spill file shrank")
			}
		}
	case r.reread:
		err = copyStored(zw, open, e, r.crc)
	}
	return err
}

var errAborted = errors.New("aborted")

// ctxOpener wraps open so that every read fails with ctx.Err() once ctx is
// done.
func ctxOpener(ctx context.Context, open opener) opener {
	if ctx.Done() == nil { // never cancelled: nothing to check
		return open
	}
	return func(name string) (io.ReadCloser, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := open(name)
		if err != nil {
			return nil, err
		}
		return ctxReader{ctx, f}, nil
	}
}

type ctxReader struct {
	ctx context.Context
	io.ReadCloser
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.ReadCloser.Read(p)
}

func (r *result) free() {
	if r.data != nil {
		putBuf(r.data)
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
	fw deflater
}

func (c *compressor) deflate(w io.Writer) deflater {
	if c.fw == nil {
		c.fw = newDeflater(w)
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
	raw := getBuf(int(e.size))[:e.size]
	if _, err := io.ReadFull(f, raw); err != nil {
		putBuf(raw)
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			err = errChanged
		}
		r.err = err
		return
	}
	var one [1]byte
	if n, _ := f.Read(one[:]); n > 0 { // grew since the walk
		putBuf(raw)
		r.err = errChanged
		return
	}
	r.crc = crc32.ChecksumIEEE(raw)
	if !store {
		out := &fixedWriter{buf: getBuf(int(e.size))}
		fw := c.deflate(out)
		_, err := fw.Write(raw)
		if err == nil {
			err = fw.Close()
		}
		if err == nil && len(out.buf) < len(raw) {
			putBuf(raw)
			r.method, r.csize, r.data = zip.Deflate, int64(len(out.buf)), out.buf
			return
		}
		putBuf(out.buf)
		if err != nil && err != errFull {
			putBuf(raw)
			r.err = err
			return
		}
	}
	r.method, r.csize, r.data = zip.Store, int64(len(raw)), raw
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
