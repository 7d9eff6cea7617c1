using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Manifest;

/// <summary>The manifest folder and sample values for its placeholders, as an operator would set them.</summary>
internal static partial class AppPackage
{
    public static string Folder => Path.Combine(RepoPaths.Root, "manifest");

    public static string TemplatePath => Path.Combine(Folder, "manifest.json");

    public static string WwwRoot => Path.Combine(RepoPaths.Root, "src", "MeetingPrep.Web", "wwwroot");

    public static IReadOnlyDictionary<string, string> SampleValues { get; } = new Dictionary<string, string>
    {
        ["TEAMS_APP_ID"] = "2f3c9a4e-6b1d-4e8a-9f21-7c5d0e3b8a16",
        ["BOT_ID"] = "6a0f3e4d-1b2c-4d5e-8f90-112233445566",
        ["AAD_APP_CLIENT_ID"] = "0d9c8b7a-6e5f-4a3b-9c2d-1e0f2a3b4c5d",
        ["APP_DOMAIN"] = "meetingprep.contoso.com",
        ["PRIVACY_URL"] = "https://contoso.com/privacy",
        ["TERMS_URL"] = "https://contoso.com/terms",
    };

    [GeneratedRegex(@"\$\{\{([A-Za-z0-9_]+)\}\}")]
    public static partial Regex Placeholder();

    public static string Substitute(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values[m.Groups[1].Value]);

    /// <summary>Width, height, colour type and the decoded RGBA pixels of an 8-bit RGB/RGBA PNG.</summary>
    public static (int Width, int Height, byte ColorType, byte[] Rgba) ReadPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG");
        int width = 0, height = 0;
        byte colorType = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]); // bit depth
                colorType = data[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        var channels = colorType switch { 6 => 4, 2 => 3, _ => throw new NotSupportedException($"PNG colour type {colorType}") };
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                int value = raw[(y * (stride + 1)) + 1 + x];
                value += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                };
                pixels[(y * stride) + x] = (byte)value;
            }
        }

        if (channels == 4)
        {
            return (width, height, colorType, pixels);
        }

        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[i * 4] = pixels[i * 3];
            rgba[(i * 4) + 1] = pixels[(i * 3) + 1];
            rgba[(i * 4) + 2] = pixels[(i * 3) + 2];
            rgba[(i * 4) + 3] = 255;
        }

        return (width, height, colorType, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
