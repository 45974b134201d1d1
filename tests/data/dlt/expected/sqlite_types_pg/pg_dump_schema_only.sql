--
-- PostgreSQL database dump
--

\restrict dltkit

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sqlite_types_pg; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA sqlite_types_pg;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _dlt_loads; Type: TABLE; Schema: sqlite_types_pg; Owner: -
--

CREATE TABLE sqlite_types_pg._dlt_loads (
    load_id character varying(64) NOT NULL,
    schema_name character varying,
    status bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_version_hash character varying
);


--
-- Name: _dlt_pipeline_state; Type: TABLE; Schema: sqlite_types_pg; Owner: -
--

CREATE TABLE sqlite_types_pg._dlt_pipeline_state (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    pipeline_name character varying NOT NULL,
    state character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version_hash character varying,
    _dlt_load_id character varying(64) NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: sqlite_types_pg; Owner: -
--

CREATE TABLE sqlite_types_pg._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: all_types; Type: TABLE; Schema: sqlite_types_pg; Owner: -
--

CREATE TABLE sqlite_types_pg.all_types (
    ts_naive timestamp without time zone,
    ts3 timestamp(3) with time zone,
    tm3 time(3) without time zone,
    dec_10_2 numeric(10,2),
    payload jsonb,
    wei_val numeric(156,78),
    id bigint,
    dbl double precision,
    big bigint,
    flag boolean,
    txt character varying,
    ts timestamp with time zone,
    tm time without time zone,
    d date,
    "dec" numeric(38,9),
    bin bytea,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL,
    bin__v_text character varying,
    added_note character varying,
    payload__v_text character varying
);


--
-- Name: _dlt_pipeline_state _dlt_pipeline_state__dlt_id_key; Type: CONSTRAINT; Schema: sqlite_types_pg; Owner: -
--

ALTER TABLE ONLY sqlite_types_pg._dlt_pipeline_state
    ADD CONSTRAINT _dlt_pipeline_state__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: all_types all_types__dlt_id_key; Type: CONSTRAINT; Schema: sqlite_types_pg; Owner: -
--

ALTER TABLE ONLY sqlite_types_pg.all_types
    ADD CONSTRAINT all_types__dlt_id_key UNIQUE (_dlt_id);


--
-- PostgreSQL database dump complete
--

\unrestrict dltkit

