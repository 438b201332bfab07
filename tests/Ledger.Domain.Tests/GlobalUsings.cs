global using Ledger.Domain.Money;
