using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IsmsCloud.SystemTests;

/// <summary>One span as a service exported it: which service, which trace, and the attributes the test asks about.</summary>
public sealed record CollectedSpan(string Service, string TraceId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint in the test process that every service of the AppHost exports its spans to,
/// standing in for the dashboard: it keeps each span's service, trace id, name, kind and string attributes. Logs and
/// metrics are accepted and dropped.
/// </summary>
public sealed class TraceCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<CollectedSpan> _spans = new();
    private readonly CancellationTokenSource _stop = new();

    public TraceCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public IReadOnlyList<CollectedSpan> Spans => [.. _spans];

    public IReadOnlyList<CollectedSpan> Trace(string traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                {
                    foreach (var span in OtlpTraces.Read(body.ToArray()))
                    {
                        _spans.Enqueue(span);
                    }
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            }
            catch (Exception)
            {
                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>
/// Reads the few fields of an OTLP ExportTraceServiceRequest the tests need, straight from the protobuf wire format
/// (opentelemetry/proto/trace/v1/trace.proto), rather than pulling in generated types for a test helper.
/// </summary>
internal static class OtlpTraces
{
    public static IEnumerable<CollectedSpan> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes))
        {
            var service = "";
            var spans = new List<byte[]>();
            foreach (var field in Fields(resourceSpans))
            {
                if (field.Number == 1)
                {
                    service = Attributes(Fields(field.Bytes).Where(f => f.Number == 1)).GetValueOrDefault("service.name", "");
                }
                else if (field.Number == 2)
                {
                    spans.AddRange(Fields(field.Bytes).Where(f => f.Number == 2).Select(f => f.Bytes));
                }
            }

            foreach (var span in spans)
            {
                string traceId = "", name = "";
                var kind = 0;
                var attributes = new List<Field>();
                foreach (var field in Fields(span))
                {
                    switch (field.Number)
                    {
                        case 1: traceId = Convert.ToHexStringLower(field.Bytes); break;
                        case 5: name = System.Text.Encoding.UTF8.GetString(field.Bytes); break;
                        case 6: kind = (int)field.Varint; break;
                        case 9: attributes.Add(field); break;
                    }
                }

                yield return new CollectedSpan(service, traceId, name, kind, Attributes(attributes));
            }
        }
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2 }, keeping string values (AnyValue field 1).</summary>
    private static Dictionary<string, string> Attributes(IEnumerable<Field> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            string? key = null, value = null;
            foreach (var field in Fields(keyValue.Bytes))
            {
                if (field.Number == 1)
                {
                    key = System.Text.Encoding.UTF8.GetString(field.Bytes);
                }
                else if (field.Number == 2)
                {
                    value = Fields(field.Bytes).Where(f => f.Number == 1).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault();
                }
            }

            if (key is not null && value is not null)
            {
                attributes[key] = value;
            }
        }

        return attributes;
    }

    private readonly record struct Field(int Number, ulong Varint, byte[] Bytes);

    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    fields.Add(new Field(number, ReadVarint(message, ref position), []));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    fields.Add(new Field(number, 0, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type in tag {tag}.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
