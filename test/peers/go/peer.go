// The Go peer of pkilab's differential tests (test/peers/go-*.test.ts): a real crypto/tls handshake
// over loopback, judged by Go's own crypto/x509, printed as one JSON line.
//
//	peer mtls   -cert C -key K -ca CA   a server with ClientAuth: tls.RequireAndVerifyClientCert and
//	                                    ClientCAs from CA judges the client chain C (leaf first), which
//	                                    an in-process Go client sends with key K.
//	peer client -cert C -key K -ca CA -host H
//	                                    a Go client with RootCAs from CA and ServerName H judges the
//	                                    server chain C, which an in-process Go server sends with key K.
//
// Both sides listen or dial on 127.0.0.1 with a port the kernel picks. The chains are sent as read
// (tls.Certificate with raw DER, no Leaf): the sending side never parses them, so whatever Go
// refuses is refused by the side under test. Output: {"ok":bool,"error":"...","peerError":"..."}
// where error is the judging side's handshake error and peerError the other side's.
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net"
	"os"
	"time"
)

type outcome struct {
	OK        bool   `json:"ok"`
	Error     string `json:"error,omitempty"`
	PeerError string `json:"peerError,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: peer mtls|client -cert FILE -key FILE -ca FILE [-host NAME]")
	}
	mode := os.Args[1]
	flags := flag.NewFlagSet(mode, flag.ExitOnError)
	certFile := flags.String("cert", "", "the chain to judge, leaf first (PEM)")
	keyFile := flags.String("key", "", "the leaf's private key (PEM)")
	caFile := flags.String("ca", "", "trust anchors (PEM)")
	host := flags.String("host", "", "client mode: the server name to verify")
	flags.Parse(os.Args[2:])

	chain, err := loadChain(*certFile, *keyFile)
	if err != nil {
		fail(err.Error())
	}
	pool := x509.NewCertPool()
	caPEM, err := os.ReadFile(*caFile)
	if err != nil {
		fail(err.Error())
	}
	// Certificates Go cannot parse are skipped silently, as in every Go program that loads a CA file.
	pool.AppendCertsFromPEM(caPEM)

	var result outcome
	switch mode {
	case "mtls":
		result = handshake(
			&tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool, Certificates: []tls.Certificate{selfSigned()}},
			&tls.Config{InsecureSkipVerify: true, GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &chain, nil }},
			true)
	case "client":
		result = handshake(
			&tls.Config{GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return &chain, nil }},
			&tls.Config{RootCAs: pool, ServerName: *host},
			false)
	default:
		fail("unknown mode " + mode)
	}
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}

// handshake runs one TLS handshake over loopback; the judge is the server (mtls) or the client.
func handshake(serverConfig, clientConfig *tls.Config, serverJudges bool) outcome {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err.Error())
	}
	defer listener.Close()
	serverDone := make(chan error, 1)
	go func() {
		conn, err := listener.Accept()
		if err != nil {
			serverDone <- err
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		tlsConn := tls.Server(conn, serverConfig)
		err = tlsConn.Handshake()
		if err == nil {
			// TLS 1.3: the client learns of a refused certificate only when it reads.
			_, err = tlsConn.Write([]byte("ok"))
		}
		serverDone <- err
	}()
	conn, err := net.DialTimeout("tcp", listener.Addr().String(), 10*time.Second)
	if err != nil {
		fail(err.Error())
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	tlsConn := tls.Client(conn, clientConfig)
	clientErr := tlsConn.Handshake()
	if clientErr == nil {
		buf := make([]byte, 2)
		_, clientErr = tlsConn.Read(buf)
	}
	conn.Close()
	serverErr := <-serverDone
	judge, other := clientErr, serverErr
	if serverJudges {
		judge, other = serverErr, clientErr
	}
	result := outcome{OK: judge == nil && other == nil}
	if judge != nil {
		result.Error = judge.Error()
	}
	if other != nil {
		result.PeerError = other.Error()
	}
	return result
}

// loadChain reads the chain as raw DER blocks and the key, without parsing the certificates.
func loadChain(certFile, keyFile string) (tls.Certificate, error) {
	var chain tls.Certificate
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return chain, err
	}
	for block, rest := pem.Decode(certPEM); block != nil; block, rest = pem.Decode(rest) {
		if block.Type == "CERTIFICATE" {
			chain.Certificate = append(chain.Certificate, block.Bytes)
		}
	}
	if len(chain.Certificate) == 0 {
		return chain, errors.New(certFile + ": no CERTIFICATE block")
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return chain, err
	}
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return chain, errors.New(keyFile + ": no PEM block")
	}
	chain.PrivateKey, err = parseKey(block.Bytes)
	return chain, err
}

func parseKey(der []byte) (crypto.PrivateKey, error) {
	if key, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return key, nil
	}
	if key, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return key, nil
	}
	if key, err := x509.ParseECPrivateKey(der); err == nil {
		return key, nil
	}
	return nil, errors.New("unsupported private key")
}

// selfSigned is the mtls server's own certificate, made at start (the client does not verify it).
func selfSigned() tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		fail(err.Error())
	}
	template := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "go-mtls-server"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		fail(err.Error())
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "peer: "+message)
	os.Exit(2)
}
