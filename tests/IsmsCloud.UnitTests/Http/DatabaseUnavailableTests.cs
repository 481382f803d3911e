using System.Net.Sockets;
using IsmsCloud.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IsmsCloud.UnitTests.Http;

/// <summary>What is answered 503 "the database is unavailable": an outage, wherever EF wrapped it, and never a constraint, a deadlock or a bug.</summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P03")] // cannot_connect_now: the server is starting
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void Shutdown_starting_up_broken_connections_and_no_free_connection_are_an_outage(string sqlState)
    {
        Assert.True(PersistenceExceptionHandler.IsDatabaseUnavailable(Postgres(sqlState)));
        Assert.True(PersistenceExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("EF's transient wrapper", Postgres(sqlState))));
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_an_outage()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(PersistenceExceptionHandler.IsDatabaseUnavailable(refused));
        Assert.True(PersistenceExceptionHandler.IsDatabaseUnavailable(new DbUpdateException("saving", refused)));
    }

    [Theory]
    [InlineData("40P01")] // deadlock_detected: transient, but the database is there
    [InlineData("40001")] // serialization_failure
    [InlineData("23505")] // unique_violation
    [InlineData("42P01")] // undefined_table: a bug
    public void Conflicts_constraints_and_bugs_are_not_an_outage(string sqlState)
    {
        Assert.False(PersistenceExceptionHandler.IsDatabaseUnavailable(new DbUpdateException("saving", Postgres(sqlState))));
        Assert.False(PersistenceExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
    }
}
