using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MeetingPrep.Testing;

/// <summary>
/// A self-signed certificate for 127.0.0.1, made once per test run, for fakes that must speak TLS (MSAL accepts only an
/// https authority). Only clients built with <see cref="TrustingHandler"/> (or that pin it themselves) accept it.
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Certificate = new(Create);

    private static readonly Lazy<string> Pem = new(WritePem);

    public static X509Certificate2 Server => Certificate.Value;

    /// <summary>
    /// A PEM file holding only this certificate, for a child process's <c>SSL_CERT_FILE</c>: on Linux .NET (OpenSSL) takes
    /// its trusted roots from there, so a host process started by a test trusts the fakes and nothing else, with no
    /// bypass in the product's code.
    /// </summary>
    public static string PemFile => Pem.Value;

    /// <summary>A handler that accepts this certificate (and nothing else a system store would not).</summary>
    public static HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == Server.GetCertHashString(),
        },
    };

    private static string WritePem()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("meetingprep-tls-").FullName, "test-root.pem");
        File.WriteAllText(path, Server.ExportCertificatePem());
        return path;
    }

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        // Kestrel needs the private key in a form it can load on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }
}
